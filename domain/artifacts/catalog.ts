import { z } from 'zod';
import { expectArtifact } from './detect';
import { metadataSchema, recordSchema } from './common';
import { validate } from './validate';
import type { Catalog, CatalogEntry } from './types';

const statValue = z.union([z.string(), z.number(), z.boolean()]).nullish();
const entrySchema = z.looseObject({
  unique_id: z.string().nullish(),
  metadata: z.looseObject({ type: z.string().nullish() }).nullish(),
  columns: z
    .record(z.string(), z.looseObject({ name: z.string().nullish(), type: z.string().nullish(), index: z.number().nullish(), comment: z.string().nullish() }))
    .nullish(),
  stats: z.record(z.string(), z.looseObject({ value: statValue })).nullish(),
});

function readEntries(root: Record<string, unknown>, field: 'nodes' | 'sources', into: Map<string, CatalogEntry>): void {
  const value = root[field];
  if (value === undefined || value === null) return;
  const map = validate(recordSchema, value, { artifact: 'catalog', nodeId: null, field });
  for (const [key, entryValue] of Object.entries(map)) {
    const raw = validate(entrySchema, entryValue, { artifact: 'catalog', nodeId: key, field: undefined });
    const uniqueId = raw.unique_id ?? key;
    const columns: Record<string, CatalogEntry['columns'][string]> = {};
    for (const [name, column] of Object.entries(raw.columns ?? {})) {
      columns[name] = { name: column.name ?? name, type: column.type ?? '', index: column.index ?? 0, comment: column.comment ?? null };
    }
    const stats: Record<string, string | number | boolean | null> = {};
    for (const [name, stat] of Object.entries(raw.stats ?? {})) stats[name] = stat.value ?? null;
    into.set(uniqueId, { uniqueId, isSource: field === 'sources', tableType: raw.metadata?.type ?? null, columns, stats });
  }
}

/** Reads catalog.json (v1) into the normalized model; throws an `ArtifactError` naming node and field. */
export function parseCatalog(json: unknown): { catalog: Catalog } {
  const schemaVersion = expectArtifact(json, 'catalog', 'catalog');
  const root = json as Record<string, unknown>;
  const metadata = validate(metadataSchema, root['metadata'], { artifact: 'catalog', nodeId: null, field: 'metadata' });
  const entries = new Map<string, CatalogEntry>();
  readEntries(root, 'nodes', entries);
  readEntries(root, 'sources', entries);
  const errors = validate(z.array(z.string()).nullish(), root['errors'], { artifact: 'catalog', nodeId: null, field: 'errors' }) ?? [];
  return { catalog: { schemaVersion, dbtVersion: metadata.dbt_version ?? null, entries, errors } };
}
