import type { DbtNode, NodeKind } from '../artifacts/types';
import { SelectorError } from './errors';
import { fnmatch } from './fnmatch';
import { fqnMatcher } from './fqn';
import { searchPath } from './path-glob';
import type { SelectionCriteria } from './spec';
import { searchResult, searchSourceStatus, searchState, type SelectionState } from './state';
import type { SelectionUniverse } from './universe';

/** Which nodes each family of dbt methods looks at (dbt iterates different manifest maps). */
const PARSED: ReadonlySet<NodeKind> = new Set<NodeKind>(['model', 'seed', 'snapshot', 'test', 'analysis', 'operation', 'sql_operation']);
const CONFIGURABLE: ReadonlySet<NodeKind> = new Set<NodeKind>([...PARSED, 'source']);
const GROUPABLE: ReadonlySet<NodeKind> = new Set<NodeKind>([...PARSED, 'metric']);
const PARSED_AND_UNIT: ReadonlySet<NodeKind> = new Set<NodeKind>([...PARSED, 'unit_test']);

/** dbt's NodeType values: `resource_type:` accepts these and nothing else. */
const RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'model', 'analysis', 'test', 'snapshot', 'operation', 'seed', 'rpc', 'sql_operation', 'doc', 'source', 'macro',
  'exposure', 'metric', 'group', 'saved_query', 'semantic_model', 'unit_test', 'fixture', 'function',
]);

type Predicate = (node: DbtNode) => boolean;

function filter(universe: SelectionUniverse, kinds: ReadonlySet<NodeKind> | null, predicate: Predicate): Set<string> {
  const out = new Set<string>();
  for (const [id, node] of universe.nodes) {
    if ((kinds === null || kinds.has(node.kind)) && predicate(node)) out.add(id);
  }
  return out;
}

function invalid(criteria: SelectionCriteria, message: string): never {
  throw new SelectorError(`${message} in selector "${criteria.raw}"`, 'invalid_value', criteria.raw);
}

const isVersioned = (node: DbtNode): boolean => node.kind === 'model' && node.version !== null;

/** `name` or `package.name` (fnmatch each), as dbt's exposure/metric/... methods read it. */
function byPackageAndName(criteria: SelectionCriteria, universe: SelectionUniverse, kind: NodeKind, value: string): Set<string> {
  const parts = value.split('.');
  if (parts.length > 2) invalid(criteria, `Invalid ${kind} selector value "${value}": expected ${kind}_name or package.${kind}_name`);
  const [pkg, name] = parts.length === 2 ? (parts as [string, string]) : ['*', parts[0] as string];
  return filter(universe, new Set([kind]), (node) => fnmatch(node.packageName, pkg) && fnmatch(node.name, name));
}

function searchSource(criteria: SelectionCriteria, universe: SelectionUniverse, value: string): Set<string> {
  const parts = value.split('.');
  let target: [string, string, string];
  if (parts.length === 1) target = ['*', parts[0] as string, '*'];
  else if (parts.length === 2) target = ['*', parts[0] as string, parts[1] as string];
  else if (parts.length === 3) target = parts as [string, string, string];
  else return invalid(criteria, `Invalid source selector value "${value}": expected source_name, source_name.table_name or package.source_name.table_name`);
  const [pkg, source, table] = target;
  return filter(
    universe,
    new Set<NodeKind>(['source']),
    (node) => fnmatch(node.packageName, pkg) && fnmatch(node.source?.sourceName ?? '', source) && fnmatch(node.name, table),
  );
}

/** Python's `==` between the selector (usually a string) and a config value, for JSON values. */
function configEquals(selector: string | number | boolean, value: unknown, caseInsensitive: boolean): boolean {
  if (caseInsensitive && typeof selector === 'string' && typeof value === 'string') return selector.toUpperCase() === value.toUpperCase();
  return selector === value;
}

function configMatches(selector: string | number | boolean, value: unknown, caseInsensitive: boolean): boolean {
  const word = String(selector).toUpperCase();
  if (Array.isArray(value)) {
    return value.some((item) => configEquals(selector, item, caseInsensitive)) || (word === 'TRUE' && value.includes(true)) || (word === 'FALSE' && value.includes(false));
  }
  return configEquals(selector, value, caseInsensitive) || (word === 'TRUE' && value === true) || (word === 'FALSE' && value === false);
}

/** Walks `config.a.b` through nested objects; undefined when a key is missing (node skipped). */
function descend(config: Readonly<Record<string, unknown>>, keys: readonly string[]): { found: boolean; value: unknown } {
  let value: unknown = config;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !(key in value)) return { found: false, value: undefined };
    value = (value as Record<string, unknown>)[key];
  }
  return { found: true, value };
}

function fileName(path: string | null): { name: string; stem: string } {
  const name = (path ?? '').split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  return { name, stem: dot > 0 ? name.slice(0, dot) : name };
}

/** Python's comparison of model versions: as numbers when both read as numbers, else as text. */
function versionLess(a: string | number, b: string | number): boolean {
  const x = Number(String(a).trim());
  const y = Number(String(b).trim());
  if (String(a).trim() !== '' && String(b).trim() !== '' && !Number.isNaN(x) && !Number.isNaN(y)) return x < y;
  return String(a) < String(b);
}

function searchVersion(criteria: SelectionCriteria, universe: SelectionUniverse, value: string): Set<string> {
  const models = new Set<NodeKind>(['model']);
  switch (value) {
    case 'latest':
      return filter(universe, models, (n) => n.version !== null && n.version === n.latestVersion);
    case 'prerelease':
      return filter(universe, models, (n) => Boolean(n.version) && Boolean(n.latestVersion) && versionLess(n.latestVersion as string | number, n.version as string | number));
    case 'old':
      return filter(universe, models, (n) => Boolean(n.version) && Boolean(n.latestVersion) && versionLess(n.version as string | number, n.latestVersion as string | number));
    case 'none':
      return filter(universe, models, (n) => n.version === null);
    default:
      return invalid(criteria, `Invalid version type selector "${value}": expected one of "latest", "prerelease", "old" or "none"`);
  }
}

function searchTestType(criteria: SelectionCriteria, universe: SelectionUniverse, value: string): Set<string> {
  // dbt also accepts the old names: `schema` (generic) and `data` (generic and singular).
  let types: ReadonlySet<string>;
  if (value === 'generic' || value === 'schema') types = new Set(['generic']);
  else if ('data'.includes(value)) types = new Set(['generic', 'singular']);
  else if ('singular'.includes(value)) types = new Set(['singular']);
  else if ('unit'.includes(value)) types = new Set(['unit']);
  else return invalid(criteria, `Invalid test type selector "${value}": expected "generic", "singular", "unit" or "data"`);
  return filter(universe, PARSED_AND_UNIT, (node) => {
    if (node.kind === 'unit_test') return types.has('unit');
    return node.kind === 'test' && node.test !== null && types.has(node.test.testType);
  });
}

/** Runs one criterion's method (no graph operators) over the universe. */
export function searchMethod(criteria: SelectionCriteria, universe: SelectionUniverse, state: SelectionState): Set<string> {
  const value = String(criteria.value);
  const method = criteria.method;
  switch (method) {
    case 'fqn': {
      const matches = fqnMatcher(value);
      return filter(universe, null, (node) => node.kind !== 'source' && matches(node.fqn, isVersioned(node)));
    }
    case 'tag':
      return filter(universe, null, (node) => node.tags.some((tag) => fnmatch(tag, value)));
    case 'group':
      return filter(universe, GROUPABLE, (node) => {
        const group = node.config['group'] ?? node.group;
        return typeof group === 'string' && group !== '' && fnmatch(group, value);
      });
    case 'access':
      return filter(universe, new Set<NodeKind>(['model']), (node) => node.access === value);
    case 'source':
      return searchSource(criteria, universe, value);
    case 'path':
      return searchPath(universe, universe.ids, value);
    case 'file':
      return filter(universe, null, (node) => {
        const { name, stem } = fileName(node.originalFilePath);
        return fnmatch(name, value) || fnmatch(stem, value);
      });
    case 'package': {
      const pkg = value === 'this' && universe.rootProject !== null ? universe.rootProject : value;
      return filter(universe, null, (node) => fnmatch(node.packageName, pkg));
    }
    case 'config': {
      // dbt compares test severity case-insensitively (`warn` matches `WARN`).
      const caseInsensitive = criteria.methodArguments.length === 1 && criteria.methodArguments[0] === 'severity';
      return filter(universe, CONFIGURABLE, (node) => {
        const { found, value: configValue } = descend(node.config, criteria.methodArguments);
        return found && configMatches(criteria.value, configValue, caseInsensitive);
      });
    }
    case 'test_name':
      return filter(universe, PARSED_AND_UNIT, (node) => {
        if (node.kind === 'unit_test') return fnmatch(node.name, value);
        const testName = node.kind === 'test' && node.test?.testType === 'generic' ? node.test.testName : null;
        // dbt matches the test's own name, without the package namespace (`expression_is_true`).
        return testName !== null && fnmatch(testName.split('.').pop() ?? testName, value);
      });
    case 'test_type':
      return searchTestType(criteria, universe, value);
    case 'resource_type':
      if (!RESOURCE_TYPES.has(value)) invalid(criteria, `Invalid resource_type selector "${value}"`);
      return filter(universe, null, (node) => node.kind === value);
    case 'state':
      return searchState(criteria, universe, state);
    case 'exposure':
    case 'metric':
    case 'semantic_model':
    case 'saved_query':
    case 'unit_test':
      return byPackageAndName(criteria, universe, method, value);
    case 'result':
      return searchResult(criteria, universe, state);
    case 'source_status':
      return searchSourceStatus(criteria, universe, state);
    case 'version':
      return searchVersion(criteria, universe, value);
    default: {
      const unreachable: never = method;
      return unreachable;
    }
  }
}
