import { validate } from './validate';
import { KNOWN_NODE_KEYS, nodeSchema, type RawNode } from './node-schema';
import type { ColumnDoc, DbtNode, NodeKind, TestInfo } from './types';

/** The manifest maps that hold nodes, and the kind an entry has when it omits `resource_type`. */
export const NODE_MAPS = {
  nodes: null,
  sources: 'source',
  exposures: 'exposure',
  metrics: 'metric',
  semantic_models: 'semantic_model',
  saved_queries: 'saved_query',
  unit_tests: 'unit_test',
  groups: 'group',
  functions: 'function',
} as const satisfies Record<string, NodeKind | null>;

export type NodeMapName = keyof typeof NODE_MAPS;

/** dbt's `resource_type` → our kind; null for types that are not graph nodes (macro, doc). */
export function kindOf(resourceType: string): NodeKind | null | undefined {
  switch (resourceType) {
    case 'model':
    case 'seed':
    case 'snapshot':
    case 'test':
    case 'unit_test':
    case 'analysis':
    case 'operation':
    case 'sql_operation':
    case 'source':
    case 'exposure':
    case 'metric':
    case 'semantic_model':
    case 'saved_query':
    case 'group':
    case 'function':
      return resourceType;
    // dbt < 1.0 called ad-hoc SQL operations "rpc".
    case 'rpc':
      return 'sql_operation';
    case 'macro':
    case 'doc':
      return null;
    default:
      return undefined;
  }
}

const RELATION_KINDS: ReadonlySet<NodeKind> = new Set<NodeKind>(['model', 'seed', 'snapshot', 'source', 'function']);

function asRecord(value: Record<string, unknown> | null | undefined): Readonly<Record<string, unknown>> {
  return value ?? {};
}

function columnsOf(raw: RawNode): Record<string, ColumnDoc> {
  const out: Record<string, ColumnDoc> = {};
  for (const [key, column] of Object.entries(raw.columns ?? {})) {
    out[key] = {
      name: column.name ?? key,
      description: column.description ?? '',
      dataType: column.data_type ?? null,
      meta: asRecord(column.meta),
      tags: column.tags ?? [],
    };
  }
  return out;
}

/** The node a test checks: `attached_node` when dbt wrote it, else the first model it depends on. */
function testInfoOf(kind: NodeKind, raw: RawNode, dependsOn: readonly string[]): TestInfo | null {
  const firstTarget = (): string | null =>
    dependsOn.find((id) => id.startsWith('model.')) ??
    dependsOn.find((id) => /^(seed|snapshot|source)\./.test(id)) ??
    null;
  if (kind === 'unit_test') {
    return { testType: 'unit', testName: null, attachedNodeId: firstTarget(), columnName: null };
  }
  if (kind !== 'test') return null;
  const meta = raw.test_metadata;
  const generic = meta !== null && meta !== undefined;
  const testName = generic && meta.name ? (meta.namespace ? `${meta.namespace}.${meta.name}` : meta.name) : null;
  // dbt >= 1.5 writes attached_node (null for singular tests); older versions leave it out.
  const attached = 'attached_node' in raw ? (raw.attached_node ?? null) : generic ? firstTarget() : null;
  return { testType: generic ? 'generic' : 'singular', testName, attachedNodeId: attached, columnName: raw.column_name ?? null };
}

function contractOf(raw: RawNode, config: Readonly<Record<string, unknown>>): DbtNode['contract'] {
  const configContract = config['contract'];
  const configEnforced =
    typeof configContract === 'object' && configContract !== null && (configContract as Record<string, unknown>)['enforced'] === true;
  if (raw.contract) return { enforced: raw.contract.enforced ?? configEnforced, checksum: raw.contract.checksum ?? null };
  if (typeof configContract === 'object' && configContract !== null) return { enforced: configEnforced, checksum: null };
  return null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export type NormalizedEntry =
  | { readonly ok: true; readonly node: DbtNode }
  | { readonly ok: false; readonly uniqueId: string; readonly resourceType: string };

/**
 * Normalizes one manifest entry. Throws an `ArtifactError` naming the node and field when a field
 * we use has the wrong type; returns `ok: false` for a resource type Sluice does not know.
 */
export function normalizeNode(value: unknown, mapName: NodeMapName | 'disabled', key: string): NormalizedEntry {
  const idHint = typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)['unique_id'] === 'string'
    ? ((value as Record<string, unknown>)['unique_id'] as string)
    : key;
  const raw = validate(nodeSchema, value, { artifact: 'manifest', nodeId: idHint, field: undefined });
  const fallback = mapName === 'disabled' ? null : NODE_MAPS[mapName];
  const resourceType = raw.resource_type ?? fallback ?? raw.unique_id.split('.')[0] ?? '';
  const kind = kindOf(resourceType);
  if (!kind) return { ok: false, uniqueId: raw.unique_id, resourceType };

  const config = asRecord(raw.config);
  const dependsOn = raw.depends_on?.nodes ?? [];
  const extra: Record<string, unknown> = {};
  for (const field of Object.keys(raw)) {
    if (!KNOWN_NODE_KEYS.has(field)) extra[field] = raw[field];
  }
  const checksum = raw.checksum === null || raw.checksum === undefined
    ? null
    : typeof raw.checksum === 'string'
      ? { name: 'sha256', checksum: raw.checksum }
      : { name: raw.checksum.name, checksum: raw.checksum.checksum };
  const identifier = raw.alias ?? raw.identifier ?? raw.name ?? null;
  const node: DbtNode = {
    uniqueId: raw.unique_id,
    kind,
    name: raw.name ?? raw.unique_id.split('.').pop() ?? raw.unique_id,
    packageName: raw.package_name ?? raw.unique_id.split('.')[1] ?? '',
    path: raw.path ?? null,
    originalFilePath: raw.original_file_path ?? null,
    fqn: raw.fqn ?? [],
    tags: typeof raw.tags === 'string' ? [raw.tags] : (raw.tags ?? []),
    config,
    unrenderedConfig: asRecord(raw.unrendered_config),
    meta: asRecord(raw.meta),
    description: raw.description ?? '',
    columns: columnsOf(raw),
    checksum,
    rawCode: raw.raw_code ?? raw.raw_sql ?? null,
    compiledCode: raw.compiled_code ?? raw.compiled_sql ?? null,
    language: raw.language ?? null,
    relation: RELATION_KINDS.has(kind) && identifier !== null
      ? { database: raw.database ?? null, schema: raw.schema ?? null, identifier }
      : null,
    relationName: raw.relation_name ?? null,
    materialized: stringOrNull(config['materialized']),
    dependsOn,
    dependsOnMacros: raw.depends_on?.macros ?? [],
    group: raw.group ?? stringOrNull(config['group']),
    access: raw.access ?? stringOrNull(config['access']),
    version: raw.version ?? null,
    latestVersion: raw.latest_version ?? null,
    contract: contractOf(raw, config),
    test: testInfoOf(kind, raw, dependsOn),
    source: kind === 'source'
      ? {
          sourceName: raw.source_name ?? '',
          tableName: raw.name ?? '',
          loadedAtField: raw.loaded_at_field ?? null,
          freshness: raw.freshness ?? null,
        }
      : null,
    extra,
  };
  return { ok: true, node };
}
