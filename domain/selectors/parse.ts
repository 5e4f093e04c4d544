import { SelectorError } from './errors';
import {
  INDIRECT_SELECTIONS,
  isMethodName,
  type IndirectSelection,
  type MethodName,
  type SelectionCriteria,
  type SelectionGroup,
  type SelectionSpec,
} from './spec';

/**
 * dbt's grammar of one criterion: `[@][N+][method[.arg...]:]value[+N]`. The value is non-greedy so a
 * trailing `+N` is read as children; `\w` is Unicode-aware as in Python.
 */
const CRITERION = /^(@)?(?:(\d*)\+)?(?:([\p{L}\p{N}_.]+):)?(.*?)(?:\+(\d*))?$/u;

/** What dbt selects when no `--select` is given. */
export const DEFAULT_INCLUDES: readonly string[] = ['fqn:*', 'source:*', 'exposure:*', 'metric:*', 'semantic_model:*'];

/** dbt's default method for a bare value: a path when it has a `/`, a file for .sql/.py/.csv, else fqn. */
export function defaultMethod(value: string): MethodName {
  if (value.includes('/')) return 'path';
  const lower = value.toLowerCase();
  if (lower.endsWith('.sql') || lower.endsWith('.py') || lower.endsWith('.csv')) return 'file';
  return 'fqn';
}

/** Splits `config.materialized` into a method and its arguments; throws for an unknown method. */
export function parseMethod(rawMethod: string, expression: string): { method: MethodName; methodArguments: string[] } {
  const [name = '', ...methodArguments] = rawMethod.split('.');
  if (!isMethodName(name)) {
    throw new SelectorError(`'${name}' is not a valid method name in selector "${expression}"`, 'unknown_method', expression);
  }
  return { method: name, methodArguments };
}

function toDepth(raw: unknown, expression: string): number | null {
  if (raw === undefined || raw === null || raw === '' || raw === 0 || raw === false) return null;
  const n = typeof raw === 'number' ? raw : Number(String(raw));
  if (!Number.isInteger(n)) {
    throw new SelectorError(`Invalid node spec "${expression}": could not handle depth ${String(raw)}`, 'invalid_spec', expression);
  }
  return n;
}

export function toIndirectSelection(value: unknown, expression: string): IndirectSelection {
  const found = INDIRECT_SELECTIONS.find((mode) => mode === value);
  if (!found) {
    throw new SelectorError(
      `'${String(value)}' is not a valid indirect_selection in selector "${expression}" (expected one of ${INDIRECT_SELECTIONS.join(', ')})`,
      'invalid_spec',
      expression,
    );
  }
  return found;
}

/** The fields of a criterion before they are checked, as the grammar or a YAML dict gives them. */
export interface CriteriaParts {
  readonly method?: string | undefined;
  readonly value: string | number | boolean;
  readonly childrensParents?: unknown;
  readonly parents?: unknown;
  readonly parentsDepth?: unknown;
  readonly children?: unknown;
  readonly childrenDepth?: unknown;
  readonly indirectSelection?: unknown;
}

/** Builds a criterion from its parts with dbt's checks (method name, depths, `@` with `+N`). */
export function criteriaFromParts(raw: string, parts: CriteriaParts, defaultIndirect: IndirectSelection): SelectionCriteria {
  const implied = parts.method === undefined;
  const { method, methodArguments } = implied
    ? { method: defaultMethod(String(parts.value)), methodArguments: [] }
    : parseMethod(parts.method as string, raw);
  const childrensParents = Boolean(parts.childrensParents);
  const children = Boolean(parts.children);
  if (children && childrensParents) {
    throw new SelectorError(`Invalid node spec "${raw}": "@" prefix and "+" suffix are incompatible`, 'invalid_spec', raw);
  }
  return {
    type: 'criteria',
    raw,
    method,
    methodArguments,
    impliedMethod: implied,
    value: parts.value,
    childrensParents,
    parents: Boolean(parts.parents),
    parentsDepth: toDepth(parts.parentsDepth, raw),
    children,
    childrenDepth: toDepth(parts.childrenDepth, raw),
    indirectSelection: parts.indirectSelection === undefined ? defaultIndirect : toIndirectSelection(parts.indirectSelection, raw),
  };
}

/** Parses one criterion such as `+tag:nightly` or `@stg_orders`. */
export function parseCriterion(raw: string, indirectSelection: IndirectSelection = 'eager'): SelectionCriteria {
  const match = CRITERION.exec(raw);
  if (!match) throw new SelectorError(`Invalid selector spec "${raw}"`, 'invalid_spec', raw);
  const [, at, parentsDepth, method, value = '', childrenDepth] = match;
  const parentsPlus = match[2] !== undefined;
  const childrenPlus = match[5] !== undefined;
  return criteriaFromParts(
    raw,
    {
      method,
      value,
      childrensParents: at !== undefined,
      parents: parentsPlus,
      parentsDepth,
      children: childrenPlus,
      childrenDepth,
    },
    indirectSelection,
  );
}

/** Looks a YAML selector up by name (for `selector:NAME` inside an expression). */
export type SelectorResolver = (name: string) => SelectionSpec;

const SELECTOR_TERM = /^selector:(.+)$/;

/**
 * One term of an expression. `selector:NAME` is a Sluice extension on the command line (dbt accepts
 * it only inside YAML selectors): it stands for the whole YAML selector and takes no graph operator.
 */
function parseTerm(raw: string, indirectSelection: IndirectSelection, resolveSelector?: SelectorResolver): SelectionSpec {
  if (resolveSelector && (/^(@|\d*\+)selector:/.test(raw) || /^selector:.*\+\d*$/.test(raw))) {
    throw new SelectorError(`Graph operators cannot be applied to a YAML selector in "${raw}"`, 'invalid_spec', raw);
  }
  const named = SELECTOR_TERM.exec(raw);
  if (named && resolveSelector) return resolveSelector(named[1] as string);
  return parseCriterion(raw, indirectSelection);
}

/**
 * Parses a union of expressions as dbt reads `--select a b,c`: each argument is split on single
 * spaces (a union), each part on commas (an intersection).
 */
export function parseUnion(
  expressions: readonly string[],
  indirectSelection: IndirectSelection = 'eager',
  resolveSelector?: SelectorResolver,
): SelectionGroup {
  const parts = expressions.flatMap((expression) => expression.split(' '));
  const components: SelectionSpec[] = parts.map((part) => ({
    type: 'intersection',
    components: part.split(',').map((criterion) => parseTerm(criterion, indirectSelection, resolveSelector)),
    indirectSelection,
    raw: part,
  }));
  return { type: 'union', components, indirectSelection, raw: expressions.join(' ') };
}

/** Normalizes `--select`/`--exclude` input: a string is one argument, undefined means "not given". */
export function toExpressions(value: string | readonly string[] | undefined): readonly string[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? [value] : value;
}

/**
 * Parses `--select` and `--exclude` into dbt's top-level difference. No select (undefined or an
 * empty list) means dbt's default includes; no exclude means nothing excluded.
 */
export function parseSelection(
  select: string | readonly string[] | undefined,
  exclude: string | readonly string[] | undefined,
  indirectSelection: IndirectSelection = 'eager',
  resolveSelector?: SelectorResolver,
): SelectionGroup {
  const included = toExpressions(select);
  const excluded = toExpressions(exclude);
  const include = included === undefined || included.length === 0 ? parseUnion(DEFAULT_INCLUDES, indirectSelection) : parseUnion(included, indirectSelection, resolveSelector);
  const excludeSpec = excluded === undefined ? parseUnion([], indirectSelection) : parseUnion(excluded, indirectSelection, resolveSelector);
  return { type: 'difference', components: [include, excludeSpec], indirectSelection: 'eager', raw: `${include.raw}${excluded ? ` --exclude ${excludeSpec.raw}` : ''}` };
}
