import type { YamlSelector } from '../artifacts/types';
import { SelectorError } from './errors';
import { criteriaFromParts, parseCriterion } from './parse';
import type { IndirectSelection, SelectionGroup, SelectionSpec } from './spec';

/**
 * YAML selectors (`selectors.yml`, stored in the manifest) as dbt 1.11 reads them: a string is one
 * criterion (no space or comma splitting), a dict is `{method, value, ...}` or `{METHOD: VALUE}`,
 * `union`/`intersection` lists combine, an `exclude` list at any level subtracts, and
 * `method: selector` reuses another selector by name.
 */
interface Context {
  readonly selectors: Readonly<Record<string, YamlSelector>>;
  readonly name: string;
  readonly defaultIndirect: IndirectSelection;
  readonly stack: readonly string[];
}

type Dict = Record<string, unknown>;

const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(ctx: Context, message: string): never {
  throw new SelectorError(`Invalid YAML selector "${ctx.name}": ${message}`, 'invalid_yaml_selector', `selector:${ctx.name}`);
}

function listOf(ctx: Context, definition: Dict, key: string): unknown[] {
  const values = definition[key];
  if (!Array.isArray(values)) fail(ctx, `invalid value for key "${key}", expected a list`);
  for (const value of values) {
    if (typeof value !== 'string' && !isDict(value)) fail(ctx, `invalid value ${JSON.stringify(value)} in key "${key}", expected a dict or a string`);
  }
  return values;
}

function group(type: SelectionGroup['type'], components: SelectionSpec[], raw: unknown): SelectionGroup {
  // dbt builds YAML set operations with the default (eager) mode, whatever the CLI flag says.
  return { type, components, indirectSelection: 'eager', raw: JSON.stringify(raw) };
}

function parseExclusions(ctx: Context, definition: Dict): SelectionSpec | null {
  const exclusions = listOf(ctx, definition, 'exclude').map((item) => parseDefinition(ctx, item, false));
  if (exclusions.length === 0) return null;
  if (exclusions.length === 1) return exclusions[0] as SelectionSpec;
  return group('union', exclusions, definition['exclude']);
}

function parseSetOperation(ctx: Context, definition: Dict, key: 'union' | 'intersection'): SelectionSpec {
  const include: SelectionSpec[] = [];
  let exclude: SelectionSpec | null = null;
  let sawExclude = false;
  for (const item of listOf(ctx, definition, key)) {
    if (isDict(item) && 'exclude' in item) {
      if (sawExclude) fail(ctx, 'you cannot provide multiple exclude arguments to the same selector set operator');
      sawExclude = true;
      exclude = parseExclusions(ctx, item);
    } else {
      include.push(parseDefinition(ctx, item, false));
    }
  }
  const combined = group(key, include, definition);
  return exclude === null ? combined : group('difference', [combined, exclude], definition);
}

function scalarValue(ctx: Context, value: unknown): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return fail(ctx, `the value ${JSON.stringify(value)} is not a string, number or boolean`);
}

function parseDict(ctx: Context, definition: Dict): SelectionSpec {
  const keys = Object.keys(definition);
  const raw = JSON.stringify(definition);
  if (keys.length === 1) {
    const key = keys[0] as string;
    return criteriaFromParts(raw, { method: key, value: scalarValue(ctx, definition[key]) }, ctx.defaultIndirect);
  }
  if (definition['method'] === 'selector') {
    const name = String(definition['value']);
    return resolveSelector(ctx, name);
  }
  if (!('method' in definition) || !('value' in definition)) {
    fail(ctx, `expected either 1 key or else "method" and "value" keys, but got ${JSON.stringify(keys)}`);
  }
  const base = criteriaFromParts(
    raw,
    {
      method: String(definition['method']),
      value: scalarValue(ctx, definition['value']),
      childrensParents: definition['childrens_parents'],
      parents: definition['parents'],
      parentsDepth: definition['parents_depth'],
      children: definition['children'],
      childrenDepth: definition['children_depth'],
      indirectSelection: definition['indirect_selection'],
    },
    ctx.defaultIndirect,
  );
  if (!('exclude' in definition)) return base;
  const exclude = parseExclusions(ctx, definition);
  return exclude === null ? base : group('difference', [base, exclude], definition);
}

function parseDefinition(ctx: Context, definition: unknown, rootLevel: boolean): SelectionSpec {
  if (typeof definition === 'string') return parseCriterion(definition, ctx.defaultIndirect);
  if (!isDict(definition)) fail(ctx, `expected union, intersection, a string or a dict, found ${JSON.stringify(definition)}`);
  const hasSet = 'union' in definition || 'intersection' in definition;
  if (hasSet && rootLevel && Object.keys(definition).length > 1) {
    fail(ctx, `only a single 'union' or 'intersection' key is allowed in a root level selector definition; found ${Object.keys(definition).join(',')}`);
  }
  if ('union' in definition) return parseSetOperation(ctx, definition, 'union');
  if ('intersection' in definition) return parseSetOperation(ctx, definition, 'intersection');
  return parseDict(ctx, definition);
}

function resolveSelector(ctx: Context, name: string): SelectionSpec {
  const selector = ctx.selectors[name];
  if (!selector) {
    throw new SelectorError(`Could not find selector named "${name}"`, 'unknown_selector', `selector:${name}`);
  }
  if (ctx.stack.includes(name)) fail(ctx, `selector "${name}" refers to itself (${[...ctx.stack, name].join(' -> ')})`);
  const inner: Context = { ...ctx, name, stack: [...ctx.stack, name] };
  return parseDefinition(inner, selector.definition, true);
}

/** Parses the YAML selector `name` of a manifest into a selection spec. */
export function parseYamlSelector(
  selectors: Readonly<Record<string, YamlSelector>>,
  name: string,
  defaultIndirect: IndirectSelection = 'eager',
): SelectionSpec {
  return resolveSelector({ selectors, name, defaultIndirect, stack: [] }, name);
}

/** The selector marked `default: true`, if any (dbt uses it when nothing is selected). */
export function defaultYamlSelector(selectors: Readonly<Record<string, YamlSelector>>): string | null {
  const found = Object.values(selectors).find((selector) => selector.default);
  return found ? found.name : null;
}
