import { z } from 'zod';
import { expectArtifact } from './detect';
import { metadataSchema } from './common';
import { validate } from './validate';
import type { SourceFreshness, SourceFreshnessResult } from './types';

// A runtime error result (all versions) carries only unique_id, status and error.
const resultSchema = z.looseObject({
  unique_id: z.string().min(1),
  status: z.string(),
  max_loaded_at: z.string().nullish(),
  snapshotted_at: z.string().nullish(),
  max_loaded_at_time_ago_in_s: z.number().nullish(),
});

const rootSchema = z.looseObject({ results: z.array(z.unknown()) });

/** Reads sources.json (v1 to v3) into the normalized model; throws an `ArtifactError` naming node and field. */
export function parseSources(json: unknown): { sources: SourceFreshness } {
  const schemaVersion = expectArtifact(json, 'sources', 'sources');
  const metadata = validate(metadataSchema, (json as Record<string, unknown>)['metadata'], { artifact: 'sources', nodeId: null, field: 'metadata' });
  const root = validate(rootSchema, json, { artifact: 'sources', nodeId: null });
  const results: SourceFreshnessResult[] = root.results.map((value, i) => {
    const raw = validate(resultSchema, value, { artifact: 'sources', nodeId: null, field: `results[${i}]` });
    return {
      uniqueId: raw.unique_id,
      status: raw.status,
      maxLoadedAt: raw.max_loaded_at ?? null,
      snapshottedAt: raw.snapshotted_at ?? null,
      maxLoadedAtTimeAgoInS: raw.max_loaded_at_time_ago_in_s ?? null,
    };
  });
  return { sources: { schemaVersion, dbtVersion: metadata.dbt_version ?? null, generatedAt: metadata.generated_at ?? null, results } };
}
