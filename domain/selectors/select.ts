import type { Manifest, NodeKind } from '../artifacts/types';
import { SelectorError } from './errors';
import { evaluate } from './evaluate';
import { parseSelection } from './parse';
import type { IndirectSelection, SelectionSpec } from './spec';
import type { SelectionState } from './state';
import { buildUniverse, type SelectionGraph, type SelectionUniverse } from './universe';
import { defaultYamlSelector, parseYamlSelector } from './yaml';

/** What `dbt ls` lists by default, and with `--resource-type all` (it never lists operations). */
export const LS_DEFAULT_RESOURCE_TYPES: readonly NodeKind[] = [
  'model', 'snapshot', 'seed', 'test', 'source', 'exposure', 'metric', 'saved_query', 'semantic_model', 'unit_test', 'function',
];
export const LS_ALL_RESOURCE_TYPES: readonly NodeKind[] = [...LS_DEFAULT_RESOURCE_TYPES, 'analysis'];

export interface SelectNodesOptions {
  readonly graph: SelectionGraph;
  readonly manifest: Manifest;
  /** `--select`: a string or the list of arguments; undefined or [] means dbt's default includes. */
  readonly select?: string | readonly string[] | undefined;
  readonly exclude?: string | readonly string[] | undefined;
  /** `--selector NAME`: a YAML selector of the manifest; it replaces select/exclude as in dbt. */
  readonly selector?: string | undefined;
  readonly state?: SelectionState | undefined;
  /** `--indirect-selection`, eager by default. */
  readonly indirectSelection?: IndirectSelection | undefined;
  /** Keep only these kinds (dbt ls's `--resource-type`); every kind when undefined. */
  readonly resourceTypes?: readonly NodeKind[] | undefined;
  /** A universe built earlier for this graph and manifest (saves rebuilding it per selection). */
  readonly universe?: SelectionUniverse | undefined;
}

/**
 * The spec dbt would run for these options: `--selector` when given, else the manifest's default
 * YAML selector when nothing is selected or excluded, else `--select`/`--exclude`.
 */
export function selectionSpec(options: Pick<SelectNodesOptions, 'manifest' | 'select' | 'exclude' | 'selector' | 'indirectSelection'>): SelectionSpec {
  const mode = options.indirectSelection ?? 'eager';
  if (options.selector !== undefined) return parseYamlSelector(options.manifest.selectors, options.selector, mode);
  const nothingGiven = (options.select === undefined || options.select.length === 0) && options.exclude === undefined;
  const fallback = nothingGiven ? defaultYamlSelector(options.manifest.selectors) : null;
  if (fallback !== null) return parseYamlSelector(options.manifest.selectors, fallback, mode);
  return parseSelection(options.select, options.exclude, mode, (name) => parseYamlSelector(options.manifest.selectors, name, mode));
}

/** Runs a parsed spec; sorted unique_ids. */
export function selectWithSpec(universe: SelectionUniverse, spec: SelectionSpec, state: SelectionState = {}, resourceTypes?: readonly NodeKind[]): string[] {
  const { direct } = evaluate(universe, spec, state);
  const kinds = resourceTypes ? new Set(resourceTypes) : null;
  const out: string[] = [];
  for (const id of direct) {
    const node = universe.nodes.get(id);
    if (node && (kinds === null || kinds.has(node.kind))) out.push(id);
  }
  return out.sort();
}

/**
 * dbt's node selection over a LogicalGraph, as `dbt ls` applies it: union, intersection, exclude,
 * graph operators, every method, YAML selectors and indirect selection of tests. Returns the
 * selected unique_ids sorted; a bad expression throws a `SelectorError` that names it.
 */
export function selectNodes(options: SelectNodesOptions): string[] {
  const spec = selectionSpec(options);
  const universe = options.universe ?? buildUniverse(options.graph, options.manifest);
  if (universe.manifest !== options.manifest) {
    throw new SelectorError('The selection universe was built for another manifest', 'invalid_spec', '');
  }
  return selectWithSpec(universe, spec, options.state ?? {}, options.resourceTypes);
}
