import type { DbtNode, Manifest, NodeKind, RunResults, SourceFreshness } from '../artifacts/types';
import { modifiedMacros } from '../diff/macros';
import { SelectorError } from './errors';
import type { SelectionCriteria } from './spec';
import type { SelectionUniverse } from './universe';
import { sameContents, sameConfig, sameBody, samePersistedDescription, sameRelation, sameContract, type Compared } from './state-compare';

/** What the state-dependent methods compare against (dbt's `--state` folder, and `target/sources.json`). */
export interface SelectionState {
  readonly previousManifest?: Manifest | null;
  readonly previousRunResults?: RunResults | null;
  readonly previousSources?: SourceFreshness | null;
  readonly currentSources?: SourceFreshness | null;
}

export const STATE_CHECKS = [
  'new',
  'old',
  'modified',
  'unmodified',
  'modified.body',
  'modified.configs',
  'modified.persisted_descriptions',
  'modified.relation',
  'modified.macros',
  'modified.contract',
] as const;

export type StateCheck = (typeof STATE_CHECKS)[number];

/** Kinds dbt keeps in `manifest.nodes` (ParsedNode): they have a body, a relation and persisted docs. */
export const PARSED_KINDS: ReadonlySet<NodeKind> = new Set<NodeKind>(['model', 'seed', 'snapshot', 'test', 'analysis', 'operation', 'sql_operation', 'function']);
const HAS_CONFIG: ReadonlySet<NodeKind> = new Set<NodeKind>([...PARSED_KINDS, 'source', 'exposure', 'metric', 'semantic_model', 'saved_query']);

function missing(criteria: SelectionCriteria, what: string): never {
  throw new SelectorError(`Selector "${criteria.raw}" needs ${what}`, 'missing_state', criteria.raw);
}

function checker(check: StateCheck, macros: () => ReadonlySet<string>): (old: DbtNode | null, node: DbtNode) => boolean {
  const macroChanged = (node: DbtNode): boolean => {
    const changed = macros();
    return changed.size > 0 && node.dependsOnMacros.some((id) => changed.has(id));
  };
  const modified = (old: DbtNode | null, node: DbtNode): boolean =>
    !sameContents(old, node) || macroChanged(node) || (old !== null && old.kind === 'model' && !sameContract(old, node));
  // "a node without a previous version is modified" holds only where dbt's node type has the check.
  const factory = (kinds: ReadonlySet<NodeKind>, same: Compared) => (old: DbtNode | null, node: DbtNode) =>
    kinds.has(node.kind) && (old === null || !same(old, node));
  switch (check) {
    case 'new':
      return (old) => old === null;
    case 'old':
      return (old) => old !== null;
    case 'modified':
      return modified;
    case 'unmodified':
      return (old, node) => !modified(old, node);
    case 'modified.body':
      return factory(PARSED_KINDS, sameBody);
    case 'modified.configs':
      return factory(HAS_CONFIG, sameConfig);
    case 'modified.persisted_descriptions':
      return factory(PARSED_KINDS, samePersistedDescription);
    case 'modified.relation':
      return factory(new Set<NodeKind>([...PARSED_KINDS, 'source']), sameRelation);
    case 'modified.macros':
      return (_old, node) => macroChanged(node);
    case 'modified.contract':
      return factory(PARSED_KINDS, sameContract);
    default: {
      const unreachable: never = check;
      return unreachable;
    }
  }
}

export function searchState(criteria: SelectionCriteria, universe: SelectionUniverse, state: SelectionState): Set<string> {
  const previous = state.previousManifest;
  if (!previous) missing(criteria, 'a previous manifest to compare with (--state)');
  const value = String(criteria.value);
  const check = STATE_CHECKS.find((name) => name === value);
  if (!check) {
    throw new SelectorError(`Invalid state selector "${value}" in "${criteria.raw}": expected one of ${STATE_CHECKS.join(', ')}`, 'invalid_value', criteria.raw);
  }
  let changedMacros: ReadonlySet<string> | null = null;
  const test = checker(check, () => (changedMacros ??= modifiedMacros(previous.macros, universe.manifest.macros)));
  const out = new Set<string>();
  for (const id of universe.ids) {
    const node = universe.nodes.get(id) as DbtNode;
    const old = previous.nodes.get(id) ?? null;
    if (test(old, node)) out.add(id);
  }
  return out;
}

export function searchResult(criteria: SelectionCriteria, universe: SelectionUniverse, state: SelectionState): Set<string> {
  const results = state.previousRunResults;
  if (!results) missing(criteria, 'previous run results to compare with (run_results.json in --state)');
  const value = String(criteria.value);
  const out = new Set<string>();
  for (const result of results.results) {
    if (result.status === value && universe.nodes.has(result.uniqueId)) out.add(result.uniqueId);
  }
  return out;
}

/** An ISO timestamp as [epoch seconds, fraction digits] so microseconds still order. */
function instant(value: string): [number, string] | null {
  const match = /^(.*?T?\d\d:\d\d:\d\d)(?:\.(\d+))?(.*)$/.exec(value.replace(' ', 'T'));
  if (!match) return null;
  const seconds = Date.parse(`${match[1]}${match[3] ?? ''}`);
  if (Number.isNaN(seconds)) return null;
  return [seconds, (match[2] ?? '').padEnd(9, '0')];
}

function later(a: string, b: string): boolean {
  const x = instant(a);
  const y = instant(b);
  if (!x || !y) return a > b;
  return x[0] !== y[0] ? x[0] > y[0] : x[1] > y[1];
}

export function searchSourceStatus(criteria: SelectionCriteria, universe: SelectionUniverse, state: SelectionState): Set<string> {
  const previous = state.previousSources;
  const current = state.currentSources;
  if (!previous) missing(criteria, 'previous source freshness results (sources.json in --state)');
  if (!current) missing(criteria, 'current source freshness results (sources.json in the target folder)');
  const out = new Set<string>();
  // dbt knows only `fresher`; any other value selects nothing.
  if (String(criteria.value) !== 'fresher') return out;
  const before = new Map<string, string>();
  for (const result of previous.results) if (result.maxLoadedAt !== null) before.set(result.uniqueId, result.maxLoadedAt);
  for (const result of current.results) {
    // A runtime error has no max_loaded_at: such a source is never fresher.
    if (result.maxLoadedAt === null || !universe.nodes.has(result.uniqueId)) continue;
    const was = before.get(result.uniqueId);
    if (was === undefined || later(result.maxLoadedAt, was)) out.add(result.uniqueId);
  }
  return out;
}
