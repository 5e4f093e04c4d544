import { type z } from 'zod';
import { ArtifactError, type ArtifactKind } from '../errors';

/** Renders a zod issue path as a dotted field (`depends_on.nodes[2]`). */
export function fieldPath(path: ReadonlyArray<PropertyKey>, prefix?: string): string {
  let out = prefix ?? '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = root;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/**
 * Validates `value` against a zod schema; on failure throws an `ArtifactError` (`wrong_type`)
 * naming the artifact, the node (when given) and the field, with what was found there.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: { readonly artifact: ArtifactKind; readonly nodeId: string | null; readonly field?: string },
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path ?? [];
  const field = fieldPath(path, where.field);
  const found = valueAt(value, path);
  const subject = where.nodeId ? ` node ${where.nodeId}:` : '';
  const expected = issue?.message ?? 'invalid value';
  throw new ArtifactError(
    `${where.artifact}:${subject} field "${field || '(root)'}" is ${found === undefined ? 'missing' : describe(found)}: ${expected}`,
    'wrong_type',
    where.artifact,
    where.nodeId,
    field || null,
  );
}
