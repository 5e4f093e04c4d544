import type { DbtNode } from '../artifacts/types';
import { sameJson } from '../diff/canonical';

/**
 * dbt 1.11's per-type comparisons behind `state:modified` (its `same_*` methods), on the normalized
 * node. Each returns true when `node` is the same as `old` in that respect.
 */
export type Compared = (old: DbtNode, node: DbtNode) => boolean;

// NodeAndTestConfig leaves these out of the config comparison: alias/schema/database are the
// relation, tags and group are not changes.
const NODE_CONFIG_EXCLUDED: ReadonlySet<string> = new Set(['alias', 'schema', 'database', 'tags', 'group']);
// Semantic-layer configs leave out only the group.
const GROUP_ONLY: ReadonlySet<string> = new Set(['group']);
const NOTHING: ReadonlySet<string> = new Set();
// TestConfig compares only the keys that change a test's outcome.
const TEST_CONFIG_KEYS: readonly string[] = ['severity', 'where', 'limit', 'fail_calc', 'warn_if', 'error_if', 'store_failures', 'store_failures_as'];

function sameKey(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>, key: string): boolean {
  const inA = key in a;
  const inB = key in b;
  if (inA !== inB) return false;
  return !inA || sameJson(a[key], b[key]);
}

function sameConfigKeys(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>, excluded: ReadonlySet<string>): boolean {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!excluded.has(key) && !sameKey(a, b, key)) return false;
  }
  return true;
}

const extra = (node: DbtNode, key: string): unknown => node.extra[key] ?? null;
const sameExtra = (old: DbtNode, node: DbtNode, ...keys: string[]): boolean => keys.every((key) => sameJson(extra(old, key), extra(node, key)));

export const sameFqn: Compared = (old, node) => sameJson(old.fqn, node.fqn);

/** Seeds compare their file checksum; every other ParsedNode its raw code. */
export const sameBody: Compared = (old, node) => (node.kind === 'seed' ? sameJson(old.checksum, node.checksum) : old.rawCode === node.rawCode);

export const sameConfig: Compared = (old, node) => {
  switch (node.kind) {
    case 'test':
      return TEST_CONFIG_KEYS.every((key) => sameKey(old.unrenderedConfig, node.unrenderedConfig, key));
    case 'model':
    case 'seed':
    case 'snapshot':
    case 'analysis':
    case 'operation':
    case 'sql_operation':
    case 'function':
      return sameConfigKeys(old.unrenderedConfig, node.unrenderedConfig, NODE_CONFIG_EXCLUDED);
    case 'metric':
      return sameConfigKeys(old.unrenderedConfig, node.unrenderedConfig, GROUP_ONLY);
    case 'source':
    case 'exposure':
      return sameConfigKeys(old.unrenderedConfig, node.unrenderedConfig, NOTHING);
    case 'semantic_model':
    case 'saved_query':
      // These compare their resolved config.
      return sameJson(old.config, node.config);
    case 'unit_test':
    case 'group':
      return true;
    default: {
      const unreachable: never = node.kind;
      return unreachable;
    }
  }
};

function persistDocs(node: DbtNode): { relation: boolean; columns: boolean } {
  const value = node.config['persist_docs'];
  const docs = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return { relation: Boolean(docs['relation']), columns: Boolean(docs['columns']) };
}

const columnDescriptions = (node: DbtNode): Record<string, string> =>
  Object.fromEntries(Object.entries(node.columns).map(([name, column]) => [name, column.description]));

/** Descriptions count only where the node persists them to the warehouse (its persist_docs). */
export const samePersistedDescription: Compared = (old, node) => {
  const persist = persistDocs(node);
  if (persist.relation && old.description !== node.description) return false;
  if (persist.columns && !sameJson(columnDescriptions(old), columnDescriptions(node))) return false;
  return true;
};

/** The configured database/schema/alias (not the rendered ones); sources compare their relation. */
export const sameRelation: Compared = (old, node) => {
  if (node.kind === 'source') {
    return (
      (old.relation?.database ?? null) === (node.relation?.database ?? null) &&
      (old.relation?.schema ?? null) === (node.relation?.schema ?? null) &&
      sameExtra(old, node, 'identifier') &&
      (old.relation?.identifier ?? null) === (node.relation?.identifier ?? null)
    );
  }
  return ['database', 'schema', 'alias'].every((key) => sameJson(old.unrenderedConfig[key] ?? null, node.unrenderedConfig[key] ?? null));
};

/** Only models have contracts; dbt treats every other ParsedNode's contract as unchanged. */
export const sameContract: Compared = (old, node) => {
  if (node.kind !== 'model') return true;
  const before = old.contract?.enforced === true;
  const after = node.contract?.enforced === true;
  if (!before && !after) return true;
  if (before !== after) return false;
  return (old.contract?.checksum ?? null) === (node.contract?.checksum ?? null);
};

const sameRefRepresentation: Compared = (old, node) =>
  old.latestVersion === node.latestVersion && old.access === node.access && sameExtra(old, node, 'deprecation_date');

const sameFreshness: Compared = (old, node) =>
  sameJson(old.source?.freshness ?? null, node.source?.freshness ?? null) && (old.source?.loadedAtField ?? null) === (node.source?.loadedAtField ?? null);

/**
 * dbt's `same_contents`. A missing previous version is "different" for nodes kept in
 * manifest.nodes and unit tests, but "the same" for sources, exposures and the semantic layer
 * (dbt's own rule: their `same_contents(None)` is true).
 */
export function sameContents(old: DbtNode | null, node: DbtNode): boolean {
  const kind = node.kind;
  switch (kind) {
    case 'source':
      return old === null || (sameRelation(old, node) && sameFqn(old, node) && sameConfig(old, node) && sameExtra(old, node, 'quoting', 'external') && sameFreshness(old, node));
    case 'exposure':
      return (
        old === null ||
        (sameFqn(old, node) &&
          sameExtra(old, node, 'type', 'owner', 'maturity', 'url', 'label') &&
          old.description === node.description &&
          sameJson([...new Set(old.dependsOn)].sort(), [...new Set(node.dependsOn)].sort()) &&
          sameConfig(old, node))
      );
    case 'metric':
      return old === null || (sameExtra(old, node, 'type', 'label') && old.description === node.description && sameConfig(old, node));
    case 'semantic_model':
      return (
        old === null ||
        (sameExtra(old, node, 'model', 'defaults', 'entities', 'dimensions', 'measures', 'primary_entity') &&
          old.description === node.description &&
          sameConfig(old, node) &&
          (old.group ?? null) === (node.group ?? null))
      );
    case 'saved_query':
      return (
        old === null ||
        (sameExtra(old, node, 'query_params', 'label', 'exports') &&
          old.description === node.description &&
          sameConfig(old, node) &&
          (old.group ?? null) === (node.group ?? null) &&
          sameJson(old.tags, node.tags))
      );
    case 'unit_test':
      return old !== null && sameJson(old.checksum, node.checksum);
    case 'test':
      if (old === null) return false;
      // Generic tests are generated from YAML: only their config and name count.
      if (node.test?.testType === 'generic') return sameConfig(old, node) && sameFqn(old, node);
      return sameParsed(old, node);
    case 'model':
      return old !== null && sameParsed(old, node) && sameRefRepresentation(old, node);
    case 'function':
      return old !== null && sameParsed(old, node) && sameExtra(old, node, 'arguments', 'returns');
    case 'seed':
    case 'snapshot':
    case 'analysis':
    case 'operation':
    case 'sql_operation':
      return old !== null && sameParsed(old, node);
    case 'group':
      return true;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

function sameParsed(old: DbtNode, node: DbtNode): boolean {
  return sameBody(old, node) && sameConfig(old, node) && samePersistedDescription(old, node) && sameFqn(old, node) && sameRelation(old, node) && sameContract(old, node);
}
