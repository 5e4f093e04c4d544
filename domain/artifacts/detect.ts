import { ArtifactError, type ArtifactKind } from '../errors';
import type { SchemaVersion } from './types';

/** The versions this code has read from real files; newer versions are read with a warning. */
export const KNOWN_VERSIONS: Readonly<Record<SchemaVersion['artifact'], { readonly min: number; readonly max: number }>> = {
  manifest: { min: 1, max: 12 },
  catalog: { min: 1, max: 1 },
  run_results: { min: 1, max: 6 },
  sources: { min: 1, max: 3 },
};

// dbt writes e.g. "https://schemas.getdbt.com/dbt/manifest/v12.json"; run results use a dash.
const SCHEMA_URL = /\/dbt\/(manifest|catalog|run-results|sources)\/v(\d+)(?:\.json)?$/;

export function formatSchemaVersion(version: SchemaVersion): string {
  return `${version.artifact}/v${version.version}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Which dbt artifact a parsed JSON value is, from `metadata.dbt_schema_version`. Throws an
 * `ArtifactError` (`not_a_dbt_artifact`, `unsupported_version`) that says why when it is none.
 * `label` names the input in messages (a file name, or the artifact kind expected).
 */
export function detectArtifact(json: unknown, label = 'input'): SchemaVersion {
  if (!isRecord(json)) {
    const got = json === null ? 'null' : Array.isArray(json) ? 'an array' : `a ${typeof json}`;
    throw new ArtifactError(`${label} is not a dbt artifact: expected a JSON object, got ${got}`, 'not_a_dbt_artifact', 'unknown', null, null);
  }
  const metadata = json['metadata'];
  if (!isRecord(metadata)) {
    throw new ArtifactError(`${label} is not a dbt artifact: it has no "metadata" object`, 'not_a_dbt_artifact', 'unknown', null, 'metadata');
  }
  const url = metadata['dbt_schema_version'];
  if (typeof url !== 'string') {
    throw new ArtifactError(
      `${label} is not a dbt artifact: metadata.dbt_schema_version is missing or not a string`,
      'not_a_dbt_artifact',
      'unknown',
      null,
      'metadata.dbt_schema_version',
    );
  }
  const match = SCHEMA_URL.exec(url);
  if (!match || match[1] === undefined || match[2] === undefined) {
    throw new ArtifactError(
      `${label} is not a dbt artifact Sluice reads: metadata.dbt_schema_version is ${JSON.stringify(url)}`,
      'not_a_dbt_artifact',
      'unknown',
      null,
      'metadata.dbt_schema_version',
    );
  }
  const artifact = match[1] === 'run-results' ? 'run_results' : (match[1] as SchemaVersion['artifact']);
  const version = Number(match[2]);
  if (version < KNOWN_VERSIONS[artifact].min) {
    throw new ArtifactError(
      `${label}: ${artifact} schema v${version} is not supported (oldest supported: v${KNOWN_VERSIONS[artifact].min})`,
      'unsupported_version',
      artifact,
      null,
      'metadata.dbt_schema_version',
    );
  }
  return { artifact, version };
}

/** Like `detectArtifact`, and also checks that the artifact is the expected kind. */
export function expectArtifact(json: unknown, expected: SchemaVersion['artifact'], label: string = expected): SchemaVersion {
  const found = detectArtifact(json, label);
  if (found.artifact !== expected) {
    throw new ArtifactError(
      `${label}: expected a dbt ${expected} artifact, got ${formatSchemaVersion(found)}`,
      'wrong_artifact',
      found.artifact satisfies ArtifactKind,
      null,
      'metadata.dbt_schema_version',
    );
  }
  return found;
}

/**
 * Parses artifact text (what a file holds). A truncated or otherwise invalid file gets an
 * `ArtifactError` (`not_json`) naming the file and where parsing stopped, not a raw SyntaxError.
 */
export function parseArtifactText(text: string, label = 'input'): unknown {
  if (text.trim() === '') {
    throw new ArtifactError(`${label} is empty, not a dbt artifact`, 'not_json', 'unknown');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const truncated = /end of (JSON )?input|Unterminated/i.test(reason);
    const what = truncated ? 'is truncated or incomplete JSON' : 'is not valid JSON';
    throw new ArtifactError(`${label} ${what} (${text.length} characters read): ${reason}`, 'not_json', 'unknown');
  }
}
