/**
 * Errors the store raises. Like domain errors they know nothing of HTTP: api/problem.ts maps them to
 * problem+json. (Candidates to move to domain/errors.ts once that file owns them.)
 */

/** The object does not exist for this tenant (another tenant's object is reported the same way). */
export class NotFoundError extends Error {
  constructor(
    readonly subject: string,
    readonly id: string,
  ) {
    super(`${subject} ${id} not found`);
    this.name = 'NotFoundError';
  }
}

/** The change conflicts with what is stored: a duplicate name, or children still referencing it. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly code: 'duplicate' | 'in_use' | 'chain_conflict',
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Maps a driver's constraint violation to a ConflictError; anything else is rethrown as is. */
export function asConflict(err: unknown, what: string): never {
  const code = (err as { code?: unknown }).code;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    throw new ConflictError(`${what} already exists`, 'duplicate');
  }
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    throw new ConflictError(`${what} is still referenced by other objects`, 'in_use');
  }
  throw err;
}
