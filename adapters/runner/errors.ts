import { type FailureKind } from './protocol';

/** A failure of the runner itself (not of the dbt node): crashed, hung, refused the request. */
export class RunnerError extends Error {
  override readonly name = 'RunnerError';
  constructor(readonly kind: FailureKind, message: string) {
    super(message);
  }
}

/** Masks every secret value in a text (stderr tails, error messages) before it leaves the pool. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const ordered = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return ordered.reduce((acc, secret) => acc.split(secret).join('***'), text);
}
