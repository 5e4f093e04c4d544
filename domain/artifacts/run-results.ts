import { z } from 'zod';
import { expectArtifact } from './detect';
import { metadataSchema, recordSchema, timingSchema, timingSpan } from './common';
import { validate } from './validate';
import type { NodeResult, RunResults } from './types';

const resultSchema = z.looseObject({
  // Hand-trimmed files hold results with an empty unique_id; kept, they match no node.
  unique_id: z.string(),
  status: z.string(),
  execution_time: z.number().nullish(),
  timing: timingSchema.nullish(),
  message: z.string().nullish(),
  // Some hand-trimmed files write a message here instead of a count: kept in the type, read as null.
  failures: z.union([z.number(), z.string()]).nullish(),
  adapter_response: recordSchema.nullish(),
});

const rootSchema = z.looseObject({ results: z.array(z.unknown()), elapsed_time: z.number().nullish() });

/** Reads run_results.json (v1 to v6) into the normalized model; throws an `ArtifactError` naming node and field. */
export function parseRunResults(json: unknown): { runResults: RunResults } {
  const schemaVersion = expectArtifact(json, 'run_results', 'run_results');
  const metadata = validate(metadataSchema, (json as Record<string, unknown>)['metadata'], { artifact: 'run_results', nodeId: null, field: 'metadata' });
  const root = validate(rootSchema, json, { artifact: 'run_results', nodeId: null });
  const results: NodeResult[] = root.results.map((value, i) => {
    const idHint = typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)['unique_id'] === 'string'
      ? ((value as Record<string, unknown>)['unique_id'] as string)
      : null;
    const raw = validate(resultSchema, value, { artifact: 'run_results', nodeId: idHint, field: `results[${i}]` });
    const span = timingSpan(raw.timing);
    return {
      uniqueId: raw.unique_id,
      status: raw.status,
      executionTime: raw.execution_time ?? 0,
      startedAt: span.startedAt,
      completedAt: span.completedAt,
      message: raw.message ?? null,
      failures: typeof raw.failures === 'number' ? raw.failures : null,
      adapterResponse: raw.adapter_response ?? {},
    };
  });
  return {
    runResults: {
      schemaVersion,
      dbtVersion: metadata.dbt_version ?? null,
      generatedAt: metadata.generated_at ?? null,
      invocationId: metadata.invocation_id ?? null,
      elapsedTime: root.elapsed_time ?? null,
      results,
    },
  };
}
