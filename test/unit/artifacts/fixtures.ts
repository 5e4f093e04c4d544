import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Helpers shared by the artifact, graph and diff tests: where fixtures live and direct JSON counts. */
export const repoRoot = path.resolve(__dirname, '../../..');
export const fixturesDir = path.join(repoRoot, 'test/fixtures/artifacts');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');
export const hasCorpus = existsSync(corpusDir);

export function fixture(relative: string): string {
  return path.join(fixturesDir, relative);
}

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

/** Every `.json` file under `dir`, sorted, skipping JSON Schema folders. */
export function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry === 'official-schemas' || entry === 'dbt-core-schemas-1.12') continue;
      out.push(...jsonFiles(full));
    } else if (entry.endsWith('.json')) {
      out.push(full);
    }
  }
  return out.sort();
}

type Json = Record<string, unknown>;

/** The artifact kind a file declares, read directly from metadata (no Sluice code involved). */
export function declaredKind(json: unknown): string | null {
  const url = ((json as Json)?.['metadata'] as Json | undefined)?.['dbt_schema_version'];
  if (typeof url !== 'string') return null;
  return /\/dbt\/([a-z-]+)\/v\d+\.json$/.exec(url)?.[1] ?? null;
}

const MAPS = ['nodes', 'sources', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests', 'groups', 'functions'];

/** Counts of a raw manifest by resource_type, plus disabled entries and resolvable edges. */
export function directManifestCounts(json: unknown): { byType: Record<string, number>; nodes: number; disabled: number; edges: number } {
  const root = json as Json;
  const byType: Record<string, number> = {};
  const ids = new Set<string>();
  const entries: Json[] = [];
  for (const map of MAPS) {
    for (const [key, value] of Object.entries((root[map] as Json | undefined) ?? {})) {
      const entry = value as Json;
      const type = String(entry['resource_type'] ?? map);
      byType[type] = (byType[type] ?? 0) + 1;
      ids.add(String(entry['unique_id'] ?? key));
      entries.push(entry);
    }
  }
  let edges = 0;
  for (const entry of entries) {
    const deps = ((entry['depends_on'] as Json | undefined)?.['nodes'] as string[] | undefined) ?? [];
    edges += new Set(deps.filter((d) => ids.has(d))).size;
  }
  const disabledRaw = root['disabled'];
  const disabled = Array.isArray(disabledRaw)
    ? disabledRaw.length
    : Object.values((disabledRaw as Json | undefined) ?? {}).reduce<number>((n, list) => n + (list as unknown[]).length, 0);
  return { byType, nodes: ids.size, disabled, edges };
}
