/**
 * Domain errors. They know nothing of HTTP or of the CLI: the edges (API middleware, CLI) map them to
 * problem+json or to an exit code. Every error carries a stable `code` a caller can branch on.
 */

/** Bad input from a user or a file: the caller can fix it; nothing was changed. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** The artifact kinds Sluice reads; `unknown` when the input could not be identified at all. */
export type ArtifactKind = 'manifest' | 'catalog' | 'run_results' | 'sources' | 'unknown';

/** Stable codes of artifact errors (see `ArtifactError.code`). */
export type ArtifactErrorCode =
  | 'not_json'
  | 'not_a_dbt_artifact'
  | 'wrong_artifact'
  | 'unsupported_version'
  | 'wrong_type'
  | 'duplicate_unique_id'
  | 'dependency_cycle';

/**
 * A dbt artifact that cannot be read. The message names the file kind, and when it applies the
 * node (unique_id) and the field (dotted path) that are wrong.
 */
export class ArtifactError extends InputError {
  constructor(
    message: string,
    override readonly code: ArtifactErrorCode,
    readonly artifact: ArtifactKind,
    readonly nodeId: string | null = null,
    readonly field: string | null = null,
  ) {
    super(message, code);
    this.name = 'ArtifactError';
  }
}
