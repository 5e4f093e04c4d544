import type { DbtNode, NodeKind } from '../artifacts/types';
import { sameJson } from './canonical';

/**
 * What changed in one node between two versions. The first five are the categories a person
 * reviews; `persisted_descriptions`, `macros`, `fqn` and `ref` complete dbt's `state:modified`.
 */
export type ChangeCategory =
  | 'body'
  | 'config'
  | 'relation'
  | 'contract'
  | 'description'
  | 'persisted_descriptions'
  | 'macros'
  | 'fqn'
  | 'ref';

export const CHANGE_CATEGORIES: readonly ChangeCategory[] = [
  'body', 'config', 'relation', 'contract', 'description', 'persisted_descriptions', 'macros', 'fqn', 'ref',
];

export interface CompareOptions {
  /** Macros whose SQL changed, closed over macro dependencies (see `modifiedMacros`). */
  readonly modifiedMacros?: ReadonlySet<string>;
}

// dbt's NodeAndTestConfig excludes these from config comparison: they are part of the database
// representation (alias, schema, database) or are not "changes" (tags, group).
const CONFIG_EXCLUDED: ReadonlySet<string> = new Set(['alias', 'schema', 'database', 'tags', 'group']);
// dbt compares only these keys for generic tests (TestConfig.same_contents).
const TEST_CONFIG_KEYS: readonly string[] = [
  'severity', 'where', 'limit', 'fail_calc', 'warn_if', 'error_if', 'store_failures', 'store_failures_as',
];

function sameKey(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>, key: string): boolean {
  const inA = key in a;
  const inB = key in b;
  if (!inA && !inB) return true;
  if (inA !== inB) return false;
  return sameJson(a[key], b[key]);
}

function sameConfig(prev: DbtNode, next: DbtNode): boolean {
  const a = prev.unrenderedConfig;
  const b = next.unrenderedConfig;
  if (prev.test?.testType === 'generic') return TEST_CONFIG_KEYS.every((key) => sameKey(a, b, key));
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!CONFIG_EXCLUDED.has(key) && !sameKey(a, b, key)) return false;
  }
  return true;
}

/** The definition fields of nodes that have no SQL body, compared as dbt's same_contents does. */
const DEFINITION_FIELDS: Partial<Record<NodeKind, readonly string[]>> = {
  source: ['quoting', 'freshness', 'external', 'loader', 'loaded_at_field'],
  exposure: ['type', 'owner', 'maturity', 'url', 'label'],
  metric: ['type', 'type_params', 'filter', 'label', 'time_granularity'],
  semantic_model: ['model', 'node_relation', 'entities', 'measures', 'dimensions', 'defaults', 'primary_entity', 'label'],
  saved_query: ['query_params', 'exports', 'label'],
  group: ['owner'],
};

function field(node: DbtNode, name: string): unknown {
  if (name === 'loaded_at_field') return node.source?.loadedAtField ?? null;
  if (name === 'freshness') return node.source?.freshness ?? null;
  return node.extra[name];
}

function sameBody(prev: DbtNode, next: DbtNode): boolean {
  const kind = next.kind;
  switch (kind) {
    case 'seed':
    case 'unit_test':
      // Seeds and unit tests are identified by their file/definition hash.
      return sameJson(prev.checksum, next.checksum);
    case 'test':
      // dbt ignores the body of generic tests (their SQL is generated); singular tests are SQL files.
      return next.test?.testType === 'generic' || sameCode(prev, next);
    case 'model':
    case 'snapshot':
    case 'analysis':
    case 'operation':
    case 'sql_operation':
    case 'function':
      return sameCode(prev, next);
    case 'source':
    case 'exposure':
    case 'metric':
    case 'semantic_model':
    case 'saved_query':
    case 'group': {
      const fields = DEFINITION_FIELDS[kind] ?? [];
      const sameDeps = kind === 'source' || kind === 'group' || sameJson([...prev.dependsOn].sort(), [...next.dependsOn].sort());
      return sameDeps && fields.every((name) => sameJson(field(prev, name), field(next, name)));
    }
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** dbt compares raw code; old manifests without it fall back to the file checksum. */
function sameCode(prev: DbtNode, next: DbtNode): boolean {
  if (prev.rawCode !== null && next.rawCode !== null) return prev.rawCode === next.rawCode;
  return sameJson(prev.checksum, next.checksum);
}

function sameRelation(prev: DbtNode, next: DbtNode): boolean {
  if (next.kind === 'source') {
    return sameJson(prev.relation, next.relation);
  }
  // dbt compares the configured values, not the rendered ones, so a target's default schema
  // (dev vs prod) is not a change.
  return ['database', 'schema', 'alias'].every((key) => sameJson(prev.unrenderedConfig[key] ?? null, next.unrenderedConfig[key] ?? null));
}

function sameContract(prev: DbtNode, next: DbtNode): boolean {
  const before = prev.contract?.enforced === true;
  const after = next.contract?.enforced === true;
  if (!before && !after) return true;
  if (before !== after) return false;
  return (prev.contract?.checksum ?? null) === (next.contract?.checksum ?? null);
}

function columnDescriptions(node: DbtNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, column] of Object.entries(node.columns)) out[name] = column.description;
  return out;
}

function persistDocs(node: DbtNode): { relation: boolean; columns: boolean } {
  const value = node.config['persist_docs'];
  const docs = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return { relation: docs['relation'] === true, columns: docs['columns'] === true };
}

/**
 * The categories in which `next` differs from `prev` (the same unique_id in two versions). Pure,
 * following dbt's `state:modified` comparisons; an empty set means unchanged.
 */
export function compareNodes(prev: DbtNode, next: DbtNode, options: CompareOptions = {}): ReadonlySet<ChangeCategory> {
  const changed = new Set<ChangeCategory>();
  if (!sameBody(prev, next)) changed.add('body');
  if (!sameConfig(prev, next)) changed.add('config');
  if (!sameRelation(prev, next)) changed.add('relation');
  if (next.kind === 'model' && !sameContract(prev, next)) changed.add('contract');
  const sameDescription = prev.description === next.description;
  const sameColumns = sameJson(columnDescriptions(prev), columnDescriptions(next));
  if (!sameDescription || !sameColumns) changed.add('description');
  const persisted = persistDocs(next);
  if ((persisted.relation && !sameDescription) || (persisted.columns && !sameColumns)) changed.add('persisted_descriptions');
  if (!sameJson(prev.fqn, next.fqn)) changed.add('fqn');
  if (next.kind === 'model' && (prev.latestVersion !== next.latestVersion || prev.access !== next.access || !sameJson(prev.extra['deprecation_date'] ?? null, next.extra['deprecation_date'] ?? null))) {
    changed.add('ref');
  }
  if (options.modifiedMacros && next.dependsOnMacros.some((m) => options.modifiedMacros?.has(m))) changed.add('macros');
  return changed;
}

// Kinds for which dbt counts a description change as a modification (they have no relation docs).
const DESCRIPTION_IS_CONTENT: ReadonlySet<NodeKind> = new Set<NodeKind>(['exposure', 'metric']);

/** Whether dbt's plain `state:modified` selects a node with these changes. */
export function isStateModified(kind: NodeKind, changes: ReadonlySet<ChangeCategory>): boolean {
  for (const category of changes) {
    if (category !== 'description' || DESCRIPTION_IS_CONTENT.has(kind)) return true;
  }
  return false;
}
