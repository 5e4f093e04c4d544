import { SelectorError, buildUniverse, selectNodes, type SelectNodesOptions } from '../../../domain/selectors';
import { graphOf, manifestOf, node, shop, yamlSelectors } from './fixture';

function pick(options: Partial<SelectNodesOptions> & { manifest?: SelectNodesOptions['manifest'] }): string[] {
  const manifest = options.manifest ?? shop();
  return selectNodes({ graph: graphOf(manifest), ...options, manifest });
}

describe('selectNodes: graph operators and set operations', () => {
  it('selects parents and children with depths, and tests next to the selection (eager)', () => {
    expect(pick({ select: '1+orders' })).toEqual([
      'model.shop.orders', 'model.shop.stg_customers', 'model.shop.stg_orders',
      'test.shop.assert_positive', 'test.shop.rel_orders_customers', 'test.shop.unique_orders_id',
    ]);
    expect(pick({ select: 'stg_orders+1', indirectSelection: 'empty' })).toEqual(['model.shop.orders', 'model.shop.stg_orders']);
    expect(pick({ select: '+stg_orders', indirectSelection: 'empty' })).toEqual(['model.shop.stg_orders', 'source.shop.raw.orders']);
  });

  it('@ adds the parents of every descendant', () => {
    expect(pick({ select: '@stg_customers', indirectSelection: 'empty' })).toEqual([
      'exposure.shop.dashboard', 'model.shop.customers', 'model.shop.orders', 'model.shop.stg_customers', 'model.shop.stg_orders', 'source.shop.raw.orders',
      'test.shop.assert_positive', 'test.shop.rel_orders_customers', 'test.shop.unique_orders_id',
    ]);
  });

  it('cautious takes a test only when all its parents are selected; buildable also when they are upstream', () => {
    expect(pick({ select: 'orders', indirectSelection: 'cautious' })).toEqual(['model.shop.orders', 'test.shop.assert_positive', 'test.shop.unique_orders_id']);
    expect(pick({ select: 'orders customers', indirectSelection: 'cautious' })).toContain('test.shop.rel_orders_customers');
    expect(pick({ select: 'customers', indirectSelection: 'buildable' })).toEqual(['model.shop.customers', 'test.shop.rel_orders_customers']);
    expect(pick({ select: 'customers', indirectSelection: 'cautious' })).toEqual(['model.shop.customers']);
  });

  it('exclude also removes the tests of what it excludes, not its children', () => {
    expect(pick({ select: 'orders+', exclude: 'customers' })).toEqual(['exposure.shop.dashboard', 'model.shop.orders', 'test.shop.assert_positive', 'test.shop.unique_orders_id']);
  });

  it('intersects with commas and unions with spaces', () => {
    expect(pick({ select: 'tag:staging,config.materialized:view', indirectSelection: 'empty' })).toEqual(['model.shop.stg_customers', 'model.shop.stg_orders']);
    expect(pick({ select: ['tag:critical', 'exposure:*'] })).toEqual(['exposure.shop.dashboard', 'model.shop.customers', 'test.shop.rel_orders_customers']);
  });

  it('never selects groups (they are not in dbt\'s graph) and filters by resource type', () => {
    expect(pick({}).some((id) => id.startsWith('group.'))).toBe(false);
    expect(pick({ select: '+customers', resourceTypes: ['source', 'exposure'] })).toEqual(['source.shop.raw.orders']);
  });
});

describe('selectNodes: methods', () => {
  it('config: nested keys, list values, booleans and case-insensitive severity', () => {
    expect(pick({ select: 'config.meta.owner.team:fin', indirectSelection: 'empty' })).toEqual(['model.shop.orders']);
    expect(pick({ select: 'config.labels:b', indirectSelection: 'empty' })).toEqual(['model.shop.orders']);
    expect(pick({ select: 'config.enabled:TRUE,resource_type:source' })).toEqual(['source.shop.raw.orders']);
    expect(pick({ select: 'config.severity:error' })).toEqual(['test.shop.unique_orders_id']);
    expect(pick({ select: 'config.materialized:TABLE' })).toEqual([]);
  });

  it('path globs over known files, YAML patches included', () => {
    expect(pick({ select: 'path:models/staging/schema.yml', indirectSelection: 'empty' })).toEqual(['model.shop.stg_customers']);
    expect(pick({ select: 'path:models/*/stg_*.sql', indirectSelection: 'empty' })).toEqual(['model.shop.stg_customers', 'model.shop.stg_orders']);
    expect(pick({ select: 'models/staging', indirectSelection: 'empty' })).toEqual(['model.shop.stg_customers', 'model.shop.stg_orders', 'source.shop.raw.orders']);
    expect(pick({ select: 'path:tests', indirectSelection: 'empty' })).toEqual(['test.shop.assert_positive']);
    expect(() => pick({ select: 'path:/etc' })).toThrow(SelectorError);
  });

  it('fqn matches folders, packages and versioned models by name, name.vN and name_vN', () => {
    const versioned = manifestOf([
      node('model.shop.dim.v1', { name: 'dim', fqn: ['shop', 'core', 'dim', 'v1'], version: 1, latestVersion: 2 }),
      node('model.shop.dim.v2', { name: 'dim', fqn: ['shop', 'core', 'dim', 'v2'], version: 2, latestVersion: 2 }),
      node('model.other.x', { fqn: ['other', 'x'] }),
    ]);
    expect(pick({ manifest: versioned, select: 'dim' })).toEqual(['model.shop.dim.v1', 'model.shop.dim.v2']);
    expect(pick({ manifest: versioned, select: 'dim.v1' })).toEqual(['model.shop.dim.v1']);
    expect(pick({ manifest: versioned, select: 'dim_v2' })).toEqual(['model.shop.dim.v2']);
    expect(pick({ manifest: versioned, select: 'shop.core' })).toEqual(['model.shop.dim.v1', 'model.shop.dim.v2']);
    expect(pick({ manifest: versioned, select: 'version:old' })).toEqual(['model.shop.dim.v1']);
    expect(pick({ manifest: versioned, select: 'version:latest' })).toEqual(['model.shop.dim.v2']);
    expect(pick({ manifest: versioned, select: 'package:this' })).toEqual(['model.shop.dim.v1', 'model.shop.dim.v2']);
    expect(pick({ manifest: versioned, select: 'other.*' })).toEqual(['model.other.x']);
  });

  it('source takes source, source.table or package.source.table', () => {
    expect(pick({ select: 'source:raw' })).toEqual(['source.shop.raw.orders']);
    expect(pick({ select: 'source:shop.raw.o*' })).toEqual(['source.shop.raw.orders']);
    expect(pick({ select: 'source:raw.customers' })).toEqual([]);
    expect(() => pick({ select: 'source:a.b.c.d' })).toThrow(expect.objectContaining({ code: 'invalid_value', expression: 'source:a.b.c.d' }));
  });

  it('test_type and test_name', () => {
    expect(pick({ select: 'test_type:singular' })).toEqual(['test.shop.assert_positive']);
    expect(pick({ select: 'test_type:data' })).toHaveLength(3);
    expect(pick({ select: 'test_name:rel*' })).toEqual(['test.shop.rel_orders_customers']);
  });
});

describe('selectNodes: state, results and freshness', () => {
  it('state:new, modified.body and modified.configs against a previous manifest', () => {
    const before = shop();
    const changed = new Map(before.nodes);
    const orders = before.nodes.get('model.shop.orders');
    const customers = before.nodes.get('model.shop.customers');
    if (!orders || !customers) throw new Error('fixture');
    changed.set('model.shop.orders', { ...orders, rawCode: 'select 2' });
    changed.set('model.shop.customers', { ...customers, unrenderedConfig: { materialized: 'view' }, description: 'now documented' });
    changed.set('model.shop.brand_new', node('model.shop.brand_new'));
    const after = { ...before, nodes: changed };
    const state = { previousManifest: before };
    const run = (select: string) => pick({ manifest: after, select, state, indirectSelection: 'empty' });
    expect(run('state:new')).toEqual(['model.shop.brand_new']);
    expect(run('state:modified.body')).toEqual(['model.shop.brand_new', 'model.shop.orders']);
    expect(run('state:modified.configs')).toEqual(['model.shop.brand_new', 'model.shop.customers']);
    // customers persists its relation docs: the description change counts.
    expect(run('state:modified.persisted_descriptions')).toEqual(['model.shop.brand_new', 'model.shop.customers']);
    expect(run('state:modified')).toEqual(['model.shop.brand_new', 'model.shop.customers', 'model.shop.orders']);
    expect(() => pick({ manifest: after, select: 'state:modified' })).toThrow(expect.objectContaining({ code: 'missing_state' }));
  });

  it('result: and source_status:fresher (microseconds count, runtime errors never fresher)', () => {
    const result = (uniqueId: string, status: string) => ({ uniqueId, status, executionTime: 0, startedAt: null, completedAt: null, message: null, failures: null, adapterResponse: {} });
    const freshness = (maxLoadedAt: string | null) => ({
      schemaVersion: { artifact: 'sources' as const, version: 3 }, dbtVersion: null, generatedAt: null,
      results: [{ uniqueId: 'source.shop.raw.orders', status: maxLoadedAt ? 'pass' : 'runtime error', maxLoadedAt, snapshottedAt: null, maxLoadedAtTimeAgoInS: null }],
    });
    const state = {
      previousRunResults: { schemaVersion: { artifact: 'run_results' as const, version: 6 }, dbtVersion: null, generatedAt: null, invocationId: null, elapsedTime: null, results: [result('model.shop.orders', 'error'), result('model.gone.x', 'error')] },
      previousSources: freshness('2026-11-01T10:00:00.000001+00:00'),
      currentSources: freshness('2026-11-01T10:00:00.000002+00:00'),
    };
    // Tests are children in the graph: `+` reaches them whatever the indirect selection.
    expect(pick({ select: 'result:error+', state, indirectSelection: 'empty' })).toEqual([
      'exposure.shop.dashboard', 'model.shop.customers', 'model.shop.orders', 'test.shop.assert_positive', 'test.shop.rel_orders_customers', 'test.shop.unique_orders_id',
    ]);
    expect(pick({ select: 'result:error', state })).toEqual(['model.shop.orders', 'test.shop.assert_positive', 'test.shop.rel_orders_customers', 'test.shop.unique_orders_id']);
    expect(pick({ select: 'source_status:fresher', state })).toEqual(['source.shop.raw.orders']);
    expect(pick({ select: 'source_status:fresher', state: { ...state, currentSources: freshness(null) } })).toEqual([]);
    expect(() => pick({ select: 'result:fail' })).toThrow(expect.objectContaining({ code: 'missing_state' }));
  });
});

describe('selectNodes: YAML selectors', () => {
  const withSelectors = (defaults: string[] = []) =>
    manifestOf([...shop().nodes.values()], { selectors: yamlSelectors({ crit: { method: 'tag', value: 'critical', parents: true, parents_depth: 1 }, stg: 'tag:staging' }, defaults) });

  it('--selector runs the named selector; selector:NAME works inside an expression', () => {
    const manifest = withSelectors();
    expect(pick({ manifest, selector: 'crit', indirectSelection: 'empty' })).toEqual(['model.shop.customers', 'model.shop.orders']);
    expect(pick({ manifest, selector: 'crit', indirectSelection: 'cautious' })).toEqual([
      'model.shop.customers', 'model.shop.orders', 'test.shop.assert_positive', 'test.shop.rel_orders_customers', 'test.shop.unique_orders_id',
    ]);
    expect(pick({ manifest, select: 'selector:stg', exclude: 'stg_orders' })).toEqual(['model.shop.stg_customers']);
    expect(() => pick({ manifest, select: '+selector:stg' })).toThrow(expect.objectContaining({ code: 'invalid_spec' }));
  });

  it('uses the default selector when nothing is selected or excluded', () => {
    const manifest = withSelectors(['stg']);
    expect(pick({ manifest, indirectSelection: 'empty' })).toEqual(['model.shop.stg_customers', 'model.shop.stg_orders']);
    expect(pick({ manifest, select: 'customers', indirectSelection: 'empty' })).toEqual(['model.shop.customers']);
  });

  it('reuses a universe built once', () => {
    const manifest = shop();
    const graph = graphOf(manifest);
    const universe = buildUniverse(graph, manifest);
    expect(selectNodes({ graph, manifest, universe, select: 'orders' })).toEqual(selectNodes({ graph, manifest, select: 'orders' }));
    expect(() => selectNodes({ graph, manifest: shop(), universe, select: 'orders' })).toThrow(SelectorError);
  });
});
