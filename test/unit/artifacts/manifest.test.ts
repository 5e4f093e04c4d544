import { countManifest, type ManifestCounts } from '../../../domain/artifacts/counts';
import { detectArtifact, formatSchemaVersion } from '../../../domain/artifacts/detect';
import { parseManifest } from '../../../domain/artifacts/manifest';
import { buildLogicalGraph } from '../../../domain/graph/build';
import { corpusDir, declaredKind, directManifestCounts, fixture, fixturesDir, hasCorpus, jsonFiles, readJson } from './fixtures';

const TYPE_TO_COUNT: Record<string, keyof ManifestCounts> = {
  model: 'models', seed: 'seeds', snapshot: 'snapshots', test: 'tests', unit_test: 'unitTests', analysis: 'analyses',
  operation: 'operations', sql_operation: 'sqlOperations', source: 'sources', exposure: 'exposures', metric: 'metrics',
  semantic_model: 'semanticModels', saved_query: 'savedQueries', group: 'groups', function: 'functions',
};

/** Parses a manifest file and checks every count against a direct count of its JSON. */
function expectCountsMatch(file: string): void {
  const json = readJson(file);
  const { manifest } = parseManifest(json);
  const direct = directManifestCounts(json);
  const counts = countManifest(manifest);
  for (const [type, n] of Object.entries(direct.byType)) {
    const key = TYPE_TO_COUNT[type];
    expect({ file, type, key, n: key ? counts[key] : undefined }).toEqual({ file, type, key: expect.any(String), n });
  }
  const kinds = Object.values(TYPE_TO_COUNT).reduce((sum, key) => sum + counts[key], 0);
  expect({ file, nodes: counts.nodes, kinds, disabled: counts.disabled }).toEqual({ file, nodes: direct.nodes, kinds: direct.nodes, disabled: direct.disabled });
  const graph = buildLogicalGraph(manifest, 'test-project');
  expect({ file, edges: graph.edges.length }).toEqual({ file, edges: direct.edges });
}

const manifestFixtures = jsonFiles(fixturesDir).filter((f) => declaredKind(readJson(f)) === 'manifest');

describe('parseManifest on the copied fixtures', () => {
  it('covers every manifest schema version v1 to v12', () => {
    const versions = new Set(manifestFixtures.map((f) => detectArtifact(readJson(f)).version));
    expect([...versions].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it.each(manifestFixtures.map((f) => [f.slice(fixturesDir.length + 1), f]))('%s: counts equal a direct count of the JSON', (_name, file) => {
    expectCountsMatch(file);
  });

  it('normalizes a dbt 1.11 manifest: metadata, functions, groups, unit tests, semantic layer', () => {
    const { manifest } = parseManifest(readJson(fixture('dbt-core-fixtures/defer_state/data/manifest.json')));
    expect(formatSchemaVersion(manifest.schemaVersion)).toBe('manifest/v12');
    expect(manifest.dbtVersion).toBe('PREVIOUS');
    const fn = manifest.nodes.get('function.test.area_of_circle');
    expect(fn?.kind).toBe('function');
    expect(fn?.relation?.identifier).toBe('area_of_circle');
    expect(manifest.nodes.get('group.test.finance')?.kind).toBe('group');
    const unit = [...manifest.nodes.values()].filter((n) => n.kind === 'unit_test');
    expect(unit).toHaveLength(2);
    for (const u of unit) {
      expect(u.test?.testType).toBe('unit');
      expect(u.test?.attachedNodeId).toMatch(/^model\./);
    }
    expect(countManifest(manifest).savedQueries).toBe(1);
    expect(countManifest(manifest).semanticModels).toBe(1);
  });

  it('keeps fields it does not model in `extra` (tolerant reading)', () => {
    const json = readJson(fixture('recce/tests/data/manifest/base/manifest.json')) as { nodes: Record<string, Record<string, unknown>> };
    const raw = json.nodes['model.jaffle_shop.customers'] as Record<string, unknown>;
    raw['a_field_from_dbt_2_0'] = { nested: [1, 2] };
    const { manifest } = parseManifest(json);
    const node = manifest.nodes.get('model.jaffle_shop.customers');
    expect(node?.extra['a_field_from_dbt_2_0']).toEqual({ nested: [1, 2] });
    expect(node?.extra['refs']).toEqual(raw['refs']);
    expect(node?.rawCode).toBe(raw['raw_code']);
    expect(node?.materialized).toBe((raw['config'] as Record<string, unknown>)['materialized']);
  });

  it('attaches tests: attached_node when written, else the first model in depends_on (dbt < 1.5)', () => {
    for (const file of [fixture('recce/tests/data/manifest/base/manifest.json'), fixture('openlineage/test/target/manifest.json')]) {
      const json = readJson(file) as { nodes: Record<string, Record<string, unknown>> };
      const { manifest } = parseManifest(json);
      for (const [id, raw] of Object.entries(json.nodes)) {
        if (raw['resource_type'] !== 'test') continue;
        const test = manifest.nodes.get(id)?.test;
        const generic = raw['test_metadata'] !== undefined && raw['test_metadata'] !== null;
        expect(test?.testType).toBe(generic ? 'generic' : 'singular');
        const deps = ((raw['depends_on'] as { nodes: string[] }).nodes);
        const expected = 'attached_node' in raw ? raw['attached_node'] : generic ? (deps.find((d) => d.startsWith('model.')) ?? deps[0] ?? null) : null;
        expect({ id, attached: test?.attachedNodeId }).toEqual({ id, attached: expected });
      }
    }
  });

  it('reads model versions (manifest v10)', () => {
    const json = readJson(fixture('cosmos/tests/sample/manifest_model_version.json')) as { nodes: Record<string, Record<string, unknown>> };
    const { manifest } = parseManifest(json);
    const versioned = Object.entries(json.nodes).filter(([, n]) => n['version'] !== null && n['version'] !== undefined);
    expect(versioned.length).toBeGreaterThan(0);
    for (const [id, raw] of versioned) {
      expect(manifest.nodes.get(id)?.version).toBe(raw['version']);
      expect(manifest.nodes.get(id)?.latestVersion).toBe(raw['latest_version']);
    }
  });

  it('lists disabled nodes apart, never in nodes', () => {
    const { manifest } = parseManifest(readJson(fixture('dbt-core-fixtures/artifacts/data/state/v9/manifest.json')));
    expect(manifest.disabled.length).toBeGreaterThan(0);
    for (const d of manifest.disabled) expect(manifest.nodes.has(d.uniqueId)).toBe(false);
  });
});

const corpusManifests = hasCorpus ? jsonFiles(corpusDir).filter((f) => declaredKind(readJson(f)) === 'manifest') : [];
if (!hasCorpus) console.log(`corpus-wide manifest tests skipped: ${corpusDir} is absent`);

(hasCorpus ? describe : describe.skip)('parseManifest on every manifest of ../shared/corpus', () => {
  it('finds the corpus manifests', () => {
    expect(corpusManifests.length).toBeGreaterThanOrEqual(70);
  });
  it.each(corpusManifests.map((f) => [f.slice(corpusDir.length + 1), f]))('%s', (_name, file) => {
    expectCountsMatch(file);
  });
});
