import { selectNodes } from '../../domain/selectors';
import { collapseGraph, groupKeyOf, groupsOf } from '../../ui/src/graph/collapse';
import { buildWorkspaceGraph } from '../../ui/src/graph/model';
import { evaluateSelector, highlightOf } from '../../ui/src/graph/selection';
import { graphInputs, loadJaffle } from './fixtures';
import { loadTaggedJaffle, STAGING, taggedWorkspace } from './fullNodeFixtures';

const jaffle = loadJaffle();
const ORDERS = 'model.jaffle_shop.orders';

function workspace(full: boolean) {
  const { nodes, edges } = graphInputs(jaffle.graph, full);
  return buildWorkspaceGraph(nodes, edges, full ? jaffle.manifest.projectName : null);
}

describe('selector highlighting (domain/selectors in the UI)', () => {
  it('+orders selects orders, all its ancestors and (eager indirect selection) their tests, from summaries and full nodes alike', () => {
    const expected = selectNodes({ graph: jaffle.graph, manifest: jaffle.manifest, select: '+orders' });
    const ancestry = [ORDERS, ...jaffle.graph.ancestors(ORDERS)];
    expect(expected).toEqual(expect.arrayContaining(ancestry));
    expect(expected.filter((id) => !id.startsWith('test.')).sort()).toEqual(ancestry.sort());
    for (const full of [false, true]) {
      const result = evaluateSelector(workspace(full), '+orders');
      expect(result.kind).toBe('selected');
      if (result.kind !== 'selected') return;
      expect([...result.ids].sort()).toEqual(expected);
    }
  });

  it.each(['orders+', '@stg_orders', '+orders,stg_payments+', 'resource_type:seed', 'package:jaffle_shop', 'orders customers', '1+orders'])(
    'with full nodes, %s selects exactly what domain selectNodes selects on the manifest',
    (expression) => {
      const expected = selectNodes({ graph: jaffle.graph, manifest: jaffle.manifest, select: expression });
      const result = evaluateSelector(workspace(true), expression);
      expect(result.kind === 'selected' ? [...result.ids].sort() : result).toEqual(expected);
    },
  );

  it('marks selected nodes selected and every other node dimmed; nothing typed changes nothing', () => {
    const graph = workspace(false);
    const result = evaluateSelector(graph, '+orders');
    expect(highlightOf(result, ORDERS)).toBe('selected');
    expect(highlightOf(result, 'model.jaffle_shop.customers')).toBe('dimmed');
    const none = evaluateSelector(graph, '   ');
    expect(none).toEqual({ kind: 'none' });
    expect(highlightOf(none, ORDERS)).toBe('normal');
  });

  it('reports a bad expression with dbt selector error text instead of throwing', () => {
    const result = evaluateSelector(workspace(false), 'nosuchmethod:x');
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid') expect(result.message).toContain('nosuchmethod');
  });
});

describe('selector methods that read full nodes (include=node)', () => {
  const tagged = loadTaggedJaffle();
  const full = taggedWorkspace(true);
  const summary = taggedWorkspace(false);
  const NEED_FULL = [
    'tag:nightly', 'tag:staging+', 'path:models/staging', 'config.materialized:table', 'config.materialized:view,tag:nightly', 'group:finance',
    'access:public', 'staging.*', 'fqn:jaffle_shop.staging.stg_orders', 'file:stg_orders.sql', 'test_type:generic', 'test_name:accepted_values',
  ];

  it.each(NEED_FULL)('with full nodes, %s selects exactly what domain selectNodes selects on the manifest (and something)', (expression) => {
    const expected = selectNodes({ graph: tagged.graph, manifest: tagged.manifest, select: expression });
    expect(expected.length).toBeGreaterThan(0);
    const result = evaluateSelector(full, expression);
    expect(result.kind === 'selected' ? [...result.ids].sort() : result).toEqual(expected);
  });

  it('selects the tagged staging models, their folder and their materialization', () => {
    const ids = (expression: string): string[] => {
      const r = evaluateSelector(full, expression);
      return r.kind === 'selected' ? [...r.ids].filter((id) => !id.startsWith('test.')).sort() : [];
    };
    expect(ids('tag:nightly')).toEqual(STAGING);
    expect(ids('path:models/staging')).toEqual(STAGING);
    expect(ids('config.materialized:table')).toEqual(['model.jaffle_shop.orders']);
  });

  it.each(NEED_FULL)('with summaries only, %s is refused with a message naming it instead of selecting nothing', (expression) => {
    const result = evaluateSelector(summary, expression);
    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    expect(result.needsFullNodes?.length).toBeGreaterThan(0);
    expect(result.message).toContain('full nodes');
    for (const criterion of result.needsFullNodes ?? []) expect(expression).toContain(criterion);
  });

  it.each(['+orders', 'stg_*', 'jaffle_shop.orders', 'package:jaffle_shop', 'resource_type:seed', '@stg_orders'])('with summaries, %s still selects', (expression) => {
    const result = evaluateSelector(summary, expression);
    expect(result.kind).toBe('selected');
  });

  it('a mixed expression names only the criteria summaries cannot answer', () => {
    const result = evaluateSelector(summary, '+orders tag:nightly,config.materialized:view');
    expect(result.kind === 'invalid' ? result.needsFullNodes : result).toEqual(['tag:nightly', 'config.materialized:view']);
  });
});

describe('collapse by package, folder and group', () => {
  it('collapsing a folder draws one node for it and redirects its edges, without touching the graph', () => {
    const graph = workspace(true);
    const stagingKey = groupKeyOf(graph.nodes.get('model.jaffle_shop.stg_orders')!.node, 'folder');
    expect(stagingKey).toBe('folder:jaffle_shop/models/staging');
    const visible = collapseGraph(graph, 'folder', new Set([stagingKey]));
    const group = visible.nodes.find((n) => n.id === stagingKey);
    expect(group?.type).toBe('group');
    expect(group?.members).toEqual(expect.arrayContaining(['model.jaffle_shop.stg_orders', 'model.jaffle_shop.stg_payments', 'model.jaffle_shop.stg_customers']));
    expect(visible.nodes.some((n) => n.id === 'model.jaffle_shop.stg_orders')).toBe(false);
    expect(visible.edges).toContainEqual({ from: stagingKey, to: ORDERS });
    expect(visible.edges.filter((e) => e.from === stagingKey && e.to === ORDERS)).toHaveLength(1);
    expect(visible.edges.some((e) => e.from === e.to)).toBe(false);
    expect(graph.edges.length).toBe(jaffle.graph.edges.length);
  });

  it('collapsing every package leaves one node per package and no edges inside one', () => {
    const graph = workspace(false);
    const groups = groupsOf(graph, 'package');
    const visible = collapseGraph(graph, 'package', new Set(groups.map((g) => g.key)));
    expect(visible.nodes.map((n) => n.id)).toEqual(groups.map((g) => g.key));
    expect(visible.nodes.reduce((sum, n) => sum + n.members.length, 0)).toBe(graph.nodes.size);
    expect(visible.edges).toEqual([]);
  });

  it('with full nodes, groups by folder and by dbt group as the manifest says', () => {
    const graph = taggedWorkspace(true);
    const folders = groupsOf(graph, 'folder');
    expect(folders.map((g) => g.key)).toEqual(['folder:jaffle_shop/models', 'folder:jaffle_shop/models/staging', 'folder:jaffle_shop/seeds']);
    // The three staging models and the eight tests of models/staging/schema.yml.
    expect(folders.find((g) => g.key === 'folder:jaffle_shop/models/staging')?.size).toBe(11);
    // With tests off the lineage (the workspace's default) the folder is its three models.
    expect(groupsOf(graph, 'folder', { hideTests: true }).find((g) => g.key === 'folder:jaffle_shop/models/staging')?.size).toBe(3);
    const staging = collapseGraph(graph, 'folder', new Set(['folder:jaffle_shop/models/staging']), { hideTests: true });
    expect(staging.nodes.find((n) => n.id === 'folder:jaffle_shop/models/staging')?.members).toEqual(STAGING);
    expect(groupsOf(graph, 'group')).toEqual(expect.arrayContaining([{ key: 'group:core', size: 3 }, { key: 'group:finance', size: 1 }]));
    const visible = collapseGraph(graph, 'group', new Set(['group:core']));
    expect(visible.nodes.find((n) => n.id === 'group:core')?.members).toEqual(STAGING);
    expect(visible.edges).toContainEqual({ from: 'group:core', to: 'model.jaffle_shop.orders' });
    // Summaries know no folder and no group: everything falls in one of each.
    expect(groupsOf(taggedWorkspace(false), 'folder').map((g) => g.key)).toEqual(['folder:jaffle_shop/(none)']);
  });

  it('groups by dbt group, nodes without one under (none)', () => {
    const graph = workspace(true);
    expect(groupsOf(graph, 'group').map((g) => g.key)).toContain('group:(none)');
    expect(collapseGraph(graph, 'group', new Set()).nodes).toHaveLength(graph.nodes.size);
  });
});
