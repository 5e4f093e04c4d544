import { readFileSync } from 'node:fs';
import { detectArtifact, parseArtifactText } from '../../../domain/artifacts/detect';
import { parseManifest } from '../../../domain/artifacts/manifest';
import { parseRunResults } from '../../../domain/artifacts/run-results';
import { ArtifactError } from '../../../domain/errors';
import { fixture, readJson } from './fixtures';

type Json = Record<string, Record<string, Record<string, unknown>>>;
const base = (): Json => readJson(fixture('recce/tests/data/manifest/base/manifest.json')) as Json;

function artifactError(fn: () => unknown): ArtifactError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ArtifactError) return err;
    throw err;
  }
  throw new Error('expected an ArtifactError');
}

describe('bad input gets a clear ArtifactError, never a crash', () => {
  it('a truncated file names the file and says it is truncated', () => {
    const text = readFileSync(fixture('recce/tests/data/manifest/base/manifest.json'), 'utf8').slice(0, 4000);
    const err = artifactError(() => parseArtifactText(text, 'base/manifest.json'));
    expect(err.code).toBe('not_json');
    expect(err.message).toMatch(/^base\/manifest\.json is truncated or incomplete JSON/);
    expect(artifactError(() => parseArtifactText('', 'x.json')).message).toBe('x.json is empty, not a dbt artifact');
  });

  it('a JSON file that is not a dbt artifact says why', () => {
    const stub = readJson(fixture('cosmos/tests/sample/small_manifest.json'));
    const err = artifactError(() => parseManifest(stub));
    expect([err.code, err.message]).toEqual(['not_a_dbt_artifact', 'manifest is not a dbt artifact: it has no "metadata" object']);
    expect(artifactError(() => detectArtifact([1, 2], 'a.json')).message).toBe('a.json is not a dbt artifact: expected a JSON object, got an array');
    expect(artifactError(() => detectArtifact({ metadata: { dbt_schema_version: 'https://example.com/other/v1.json' } })).code).toBe('not_a_dbt_artifact');
  });

  it('the wrong kind of artifact, or an unsupported version, is rejected', () => {
    const runResults = readJson(fixture('ticketswap-tap-dbt-artifacts/target/run_results.json'));
    const err = artifactError(() => parseManifest(runResults));
    expect([err.code, err.message]).toEqual(['wrong_artifact', 'manifest: expected a dbt manifest artifact, got run_results/v6']);
    const v0 = { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v0.json' } };
    expect(artifactError(() => parseManifest(v0)).code).toBe('unsupported_version');
  });

  it('a wrong type names the node and the field, and what was there', () => {
    const json = base();
    (json['nodes']?.['model.jaffle_shop.customers'] as Record<string, unknown>)['depends_on'] = { nodes: ['model.jaffle_shop.stg_orders', 42] };
    const err = artifactError(() => parseManifest(json));
    expect(err).toMatchObject({ code: 'wrong_type', nodeId: 'model.jaffle_shop.customers', field: 'depends_on.nodes[1]' });
    expect(err.message).toBe('manifest: node model.jaffle_shop.customers: field "depends_on.nodes[1]" is number 42: Invalid input: expected string, received number');

    const json2 = base();
    (json2['sources'] as unknown as Record<string, unknown>)['source.jaffle_shop.raw.x'] = { unique_id: 'source.jaffle_shop.raw.x', fqn: 'raw.x' };
    expect(artifactError(() => parseManifest(json2))).toMatchObject({ nodeId: 'source.jaffle_shop.raw.x', field: 'fqn' });

    const json3 = base() as unknown as Record<string, unknown>;
    json3['nodes'] = ['not', 'a', 'map'];
    expect(artifactError(() => parseManifest(json3))).toMatchObject({ code: 'wrong_type', field: 'nodes' });

    const results = readJson(fixture('ticketswap-tap-dbt-artifacts/target/run_results.json')) as { results: Array<Record<string, unknown>> };
    (results.results[0] as Record<string, unknown>)['execution_time'] = 'fast';
    expect(artifactError(() => parseRunResults(results))).toMatchObject({ field: 'results[0].execution_time' });
  });

  it('a unique_id in two maps is an error naming it', () => {
    const json = base();
    const model = json['nodes']?.['model.jaffle_shop.customers'];
    (json['exposures'] as Record<string, unknown>)['model.jaffle_shop.customers'] = model;
    expect(artifactError(() => parseManifest(json))).toMatchObject({ code: 'duplicate_unique_id', nodeId: 'model.jaffle_shop.customers' });
  });

  it('a dangling reference is a warning naming the node and field (real file: a test on a disabled model)', () => {
    const { manifest } = parseManifest(readJson(fixture('dbt-artifacts-parser/manifest/v4/jaffle_shop/manifest.json')));
    expect(manifest.warnings).toEqual([
      {
        code: 'dangling_reference',
        message: 'manifest: node test.jaffle_shop.relationships_orders_customer_id__customer_id__ref_customers_.c6ec7f58f2 depends on model.jaffle_shop.customers, which is a disabled node; the edge is ignored',
        nodeId: 'test.jaffle_shop.relationships_orders_customer_id__customer_id__ref_customers_.c6ec7f58f2',
        field: 'depends_on.nodes[0]',
      },
    ]);
  });

  it('an unknown resource type is skipped with a warning, the rest is read', () => {
    const json = base();
    (json['nodes'] as Record<string, unknown>)['widget.jaffle_shop.w'] = { unique_id: 'widget.jaffle_shop.w', resource_type: 'widget' };
    const { manifest } = parseManifest(json);
    expect(manifest.nodes.has('widget.jaffle_shop.w')).toBe(false);
    expect(manifest.warnings).toContainEqual(expect.objectContaining({ code: 'unknown_resource_type', nodeId: 'widget.jaffle_shop.w' }));
    expect(manifest.nodes.size).toBe(35);
  });
});
