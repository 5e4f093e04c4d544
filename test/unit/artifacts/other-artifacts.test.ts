import { parseCatalog } from '../../../domain/artifacts/catalog';
import { detectArtifact } from '../../../domain/artifacts/detect';
import { parseRunResults } from '../../../domain/artifacts/run-results';
import { parseArtifactSet } from '../../../domain/artifacts/set';
import { parseSources } from '../../../domain/artifacts/sources';
import { corpusDir, declaredKind, fixture, fixturesDir, hasCorpus, jsonFiles, readJson } from './fixtures';

type Json = Record<string, unknown>;

/** Parses one catalog / run_results / sources file and compares its size with the raw JSON. */
function expectParsesWithDirectCounts(file: string): void {
  const json = readJson(file) as Json;
  switch (declaredKind(json)) {
    case 'catalog': {
      const { catalog } = parseCatalog(json);
      const raw = [...Object.entries((json['nodes'] as Json) ?? {}), ...Object.entries((json['sources'] as Json) ?? {})];
      const ids = new Set(raw.map(([key, v]) => String((v as Json)['unique_id'] ?? key)));
      expect({ file, entries: catalog.entries.size }).toEqual({ file, entries: ids.size });
      for (const [key, value] of raw) {
        const entry = catalog.entries.get(String((value as Json)['unique_id'] ?? key));
        expect(Object.keys(entry?.columns ?? {}).sort()).toEqual(Object.keys(((value as Json)['columns'] as Json) ?? {}).sort());
      }
      return;
    }
    case 'run-results': {
      const { runResults } = parseRunResults(json);
      const raw = json['results'] as Json[];
      expect({ file, results: runResults.results.length }).toEqual({ file, results: raw.length });
      runResults.results.forEach((r, i) => {
        expect([r.uniqueId, r.status, r.executionTime]).toEqual([raw[i]?.['unique_id'], raw[i]?.['status'], raw[i]?.['execution_time'] ?? 0]);
      });
      return;
    }
    case 'sources': {
      const { sources } = parseSources(json);
      expect({ file, results: sources.results.length }).toEqual({ file, results: (json['results'] as unknown[]).length });
      return;
    }
    default:
      throw new Error(`${file}: not a catalog, run_results or sources file`);
  }
}

const isOther = (f: string): boolean => ['catalog', 'run-results', 'sources'].includes(declaredKind(readJson(f)) ?? '');
const fixtureFiles = jsonFiles(fixturesDir).filter(isOther);

describe('catalog, run_results and sources parsers on the copied fixtures', () => {
  it('cover catalog v1, run_results v1 to v6 and sources v3', () => {
    const seen = new Set(fixtureFiles.map((f) => { const v = detectArtifact(readJson(f)); return `${v.artifact}/v${v.version}`; }));
    expect([...seen].sort()).toEqual(['catalog/v1', 'run_results/v1', 'run_results/v2', 'run_results/v3', 'run_results/v4', 'run_results/v5', 'run_results/v6', 'sources/v3']);
  });

  it.each(fixtureFiles.map((f) => [f.slice(fixturesDir.length + 1), f]))('%s parses with direct counts', (_name, file) => {
    expectParsesWithDirectCounts(file);
  });

  it('reads timing, failures and adapter responses of run results', () => {
    const { runResults } = parseRunResults(readJson(fixture('ticketswap-tap-dbt-artifacts/target/run_results.json')));
    const first = runResults.results[0];
    expect(first?.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(runResults.dbtVersion).toBe('1.9.1');
    // openlineage's trimmed file writes `failures: "Test failure"`: tolerated, read as null.
    const trimmed = parseRunResults(readJson(fixture('openlineage/no_test_metadata/target/run_results.json'))).runResults;
    expect(trimmed.results.every((r) => r.failures === null || typeof r.failures === 'number')).toBe(true);
  });

  it('parseArtifactSet reads a full folder and warns about results for unknown nodes', () => {
    const dir = 'ticketswap-tap-dbt-artifacts/target';
    const { set, warnings } = parseArtifactSet({
      manifest: readJson(fixture(`${dir}/manifest.json`)),
      catalog: readJson(fixture(`${dir}/catalog.json`)),
      runResults: readJson(fixture(`${dir}/run_results.json`)),
      sources: readJson(fixture(`${dir}/sources.json`)),
    });
    expect(set.catalog?.entries.size).toBe(2);
    expect(set.sources?.results[0]?.status).toBe('pass');
    // This hand-edited set names a hook "sample-on-run-end" that the manifest does not hold.
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'unknown_node', nodeId: 'sample-on-run-end', field: 'results.unique_id' }));
  });
});

const corpusFiles = hasCorpus ? jsonFiles(corpusDir).filter(isOther) : [];
if (!hasCorpus) console.log(`corpus-wide catalog/run_results/sources tests skipped: ${corpusDir} is absent`);

(hasCorpus ? describe : describe.skip)('every catalog, run_results and sources file of ../shared/corpus', () => {
  it('finds them', () => {
    expect(corpusFiles.length).toBeGreaterThanOrEqual(40);
  });
  it.each(corpusFiles.map((f) => [f.slice(corpusDir.length + 1), f]))('%s', (_name, file) => {
    expectParsesWithDirectCounts(file);
  });
});
