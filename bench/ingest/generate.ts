/**
 * Synthetic dbt manifests (schema v12, dbt 1.11 shape) for benchmarks: sources, then staging,
 * intermediate and marts models (1 to 3 refs each, always to earlier layers, so the graph is a
 * DAG), and `testsPerModel` generic tests per model. Deterministic for a given seed.
 * Exported so the selector and plan benchmarks can reuse it.
 */
export interface GenerateOptions {
  readonly models: number;
  readonly testsPerModel?: number;
  readonly seed?: number;
  readonly projectName?: string;
}

/** mulberry32: a tiny deterministic PRNG (benchmarks only; never for ids). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

type Layer = 'staging' | 'intermediate' | 'marts';

export function generateManifest(options: GenerateOptions): Record<string, unknown> {
  const { models, testsPerModel = 2, seed = 42, projectName = 'synthetic' } = options;
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const nodes: Record<string, unknown> = {};
  const sources: Record<string, unknown> = {};
  const sourceIds: string[] = [];
  const byLayer: Record<Layer, string[]> = { staging: [], intermediate: [], marts: [] };

  const sourceCount = Math.max(1, Math.round(models / 10));
  for (let i = 0; i < sourceCount; i++) {
    const id = `source.${projectName}.raw.table_${i}`;
    sourceIds.push(id);
    sources[id] = {
      database: 'warehouse', schema: 'raw', name: `table_${i}`, resource_type: 'source', package_name: projectName,
      path: 'models/staging/_sources.yml', original_file_path: 'models/staging/_sources.yml', unique_id: id,
      fqn: [projectName, 'staging', 'raw', `table_${i}`], source_name: 'raw', source_description: '', loader: 'fivetran',
      identifier: `table_${i}`, loaded_at_field: '_loaded_at', freshness: { warn_after: { count: 12, period: 'hour' }, error_after: { count: null, period: null }, filter: null },
      description: `Raw table ${i}`, columns: {}, meta: {}, source_meta: {}, tags: [], config: { enabled: true }, unrendered_config: {},
      relation_name: `"warehouse"."raw"."table_${i}"`, created_at: 1_700_000_000,
    };
  }

  for (let i = 0; i < models; i++) {
    const layer: Layer = i < models * 0.4 ? 'staging' : i < models * 0.75 ? 'intermediate' : 'marts';
    const name = `${layer === 'staging' ? 'stg' : layer === 'intermediate' ? 'int' : 'fct'}_${i}`;
    const id = `model.${projectName}.${name}`;
    const refCount = 1 + Math.floor(random() * 3);
    const candidates = layer === 'staging' ? sourceIds : layer === 'intermediate' ? [...byLayer.staging.slice(-500), ...byLayer.intermediate.slice(-200)] : [...byLayer.intermediate.slice(-500), ...byLayer.staging.slice(-100)];
    const deps = new Set<string>();
    for (let r = 0; r < (layer === 'staging' ? 1 : refCount); r++) deps.add(pick(candidates));
    byLayer[layer].push(id);
    const rawCode = `select * from ${[...deps].map((d) => `{{ ref('${d.split('.').pop()}') }}`).join(' join ')}`;
    const materialized = layer === 'marts' ? 'table' : 'view';
    nodes[id] = {
      database: 'warehouse', schema: layer, name, resource_type: 'model', package_name: projectName,
      path: `${layer}/${name}.sql`, original_file_path: `models/${layer}/${name}.sql`, unique_id: id,
      fqn: [projectName, layer, name], alias: name, checksum: { name: 'sha256', checksum: hex(random, 64) },
      config: { enabled: true, alias: null, schema: null, database: null, tags: [], meta: {}, group: null, materialized, persist_docs: {}, 'post-hook': [], 'pre-hook': [], quoting: {}, column_types: {}, full_refresh: null, unique_key: null, on_schema_change: 'ignore', grants: {}, packages: [], docs: { show: true, node_color: null }, contract: { enforced: false, alias_types: true }, access: 'protected' },
      tags: [layer], description: `The ${name} model.`,
      columns: { id: { name: 'id', description: 'Primary key', meta: {}, data_type: null, constraints: [], quote: null, tags: [] } },
      meta: {}, group: null, docs: { show: true, node_color: null }, patch_path: null, build_path: null,
      unrendered_config: { materialized }, created_at: 1_700_000_000, relation_name: `"warehouse"."${layer}"."${name}"`,
      raw_code: rawCode, language: 'sql', refs: [...deps].map((d) => ({ name: d.split('.').pop(), package: null, version: null })),
      sources: [], metrics: [], depends_on: { macros: [], nodes: [...deps] }, compiled_path: null,
      contract: { enforced: false, alias_types: true, checksum: null }, access: 'protected', constraints: [], version: null, latest_version: null, deprecation_date: null,
    };
    for (let t = 0; t < testsPerModel; t++) {
      const test = t % 2 === 0 ? 'unique' : 'not_null';
      const testName = `${test}_${name}_id${t > 1 ? `_${t}` : ''}`;
      const testId = `test.${projectName}.${testName}.${hex(random, 10)}`;
      nodes[testId] = {
        database: 'warehouse', schema: 'dbt_test__audit', name: testName, resource_type: 'test', package_name: projectName,
        path: `${testName}.sql`, original_file_path: `models/${layer}/_${layer}.yml`, unique_id: testId,
        fqn: [projectName, layer, testName], alias: testName, checksum: { name: 'none', checksum: '' },
        config: { enabled: true, alias: null, schema: 'dbt_test__audit', database: null, tags: [], meta: {}, group: null, materialized: 'test', severity: 'ERROR', store_failures: null, store_failures_as: null, where: null, limit: null, fail_calc: 'count(*)', warn_if: '!= 0', error_if: '!= 0' },
        tags: [], description: '', columns: {}, meta: {}, group: null, docs: { show: true, node_color: null }, patch_path: null, build_path: null,
        unrendered_config: {}, created_at: 1_700_000_000, relation_name: null, raw_code: `{{ test_${test}(**_dbt_generic_test_kwargs) }}`, language: 'sql',
        refs: [{ name, package: null, version: null }], sources: [], metrics: [], depends_on: { macros: [`macro.dbt.test_${test}`], nodes: [id] },
        compiled_path: null, contract: { enforced: false, alias_types: true, checksum: null }, column_name: 'id', file_key_name: `models.${name}`,
        attached_node: id, test_metadata: { name: test, kwargs: { column_name: 'id', model: `{{ get_where_subquery(ref('${name}')) }}` }, namespace: null },
      };
    }
  }

  return {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.11.0', generated_at: '2026-11-22T00:00:00Z',
      invocation_id: '00000000-0000-0000-0000-000000000000', env: {}, project_name: projectName, project_id: `synthetic-${seed}`, adapter_type: 'duckdb',
    },
    nodes, sources, macros: {}, docs: {}, exposures: {}, metrics: {}, groups: {}, selectors: {}, disabled: {},
    parent_map: {}, child_map: {}, group_map: {}, saved_queries: {}, semantic_models: {}, unit_tests: {}, functions: {},
  };
}
