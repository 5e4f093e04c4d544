/**
 * The parsed form of a dbt node selection: what `--select`, `--exclude` and YAML selectors become.
 * The UI reuses these types to show and highlight a selection; evaluation is in `evaluate.ts`.
 */

/** How tests next to selected nodes are pulled in (dbt's `--indirect-selection`). */
export type IndirectSelection = 'eager' | 'cautious' | 'buildable' | 'empty';

export const INDIRECT_SELECTIONS: readonly IndirectSelection[] = ['eager', 'cautious', 'buildable', 'empty'];

/** Every selector method of dbt 1.11. */
export const METHOD_NAMES = [
  'fqn',
  'tag',
  'group',
  'access',
  'source',
  'path',
  'file',
  'package',
  'config',
  'test_name',
  'test_type',
  'resource_type',
  'state',
  'exposure',
  'metric',
  'result',
  'source_status',
  'version',
  'semantic_model',
  'saved_query',
  'unit_test',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

export function isMethodName(value: string): value is MethodName {
  return (METHOD_NAMES as readonly string[]).includes(value);
}

/** One selection criterion, e.g. `2+tag:nightly+` or `@config.materialized:incremental`. */
export interface SelectionCriteria {
  readonly type: 'criteria';
  /** The text the user wrote for this criterion (a YAML definition is shown as JSON). */
  readonly raw: string;
  readonly method: MethodName;
  /** Dotted arguments after the method, e.g. `['materialized']` for `config.materialized`. */
  readonly methodArguments: readonly string[];
  /** True when the method was implied by the value (dbt's default method rules). */
  readonly impliedMethod: boolean;
  /** A string from the command line; YAML selectors may give a number or a boolean. */
  readonly value: string | number | boolean;
  readonly childrensParents: boolean;
  readonly parents: boolean;
  /** Generations of parents; null for all. */
  readonly parentsDepth: number | null;
  readonly children: boolean;
  readonly childrenDepth: number | null;
  readonly indirectSelection: IndirectSelection;
}

/** A set operation over selections. `difference` removes every later component from the first. */
export interface SelectionGroup {
  readonly type: 'union' | 'intersection' | 'difference';
  readonly components: readonly SelectionSpec[];
  readonly indirectSelection: IndirectSelection;
  readonly raw: string;
}

export type SelectionSpec = SelectionCriteria | SelectionGroup;

/** A readable one-line rendering of a spec (for explanations and the UI). */
export function describeSpec(spec: SelectionSpec): string {
  switch (spec.type) {
    case 'criteria':
      return spec.raw;
    case 'union':
      return spec.components.length === 1 ? describeSpec(spec.components[0] as SelectionSpec) : `(${spec.components.map(describeSpec).join(' ')})`;
    case 'intersection':
      return spec.components.length === 1 ? describeSpec(spec.components[0] as SelectionSpec) : spec.components.map(describeSpec).join(',');
    case 'difference': {
      const [first, ...rest] = spec.components;
      if (first === undefined) return '';
      return rest.length === 0 ? describeSpec(first) : `${describeSpec(first)} --exclude ${rest.map(describeSpec).join(' ')}`;
    }
    default: {
      const unreachable: never = spec;
      return unreachable;
    }
  }
}
