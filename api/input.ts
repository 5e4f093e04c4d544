import type { z } from 'zod';
import { InputError } from '../domain/errors';

/** Parses request input with zod; a mismatch is an InputError naming the first bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new InputError(`invalid ${what}${where}: ${issue?.message ?? 'invalid'}`, 'invalid_input');
}
