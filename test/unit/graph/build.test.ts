import { parseManifest } from '../../../domain/artifacts/manifest';
import { ArtifactError } from '../../../domain/errors';
import { buildLogicalGraph } from '../../../domain/graph/build';
import { fixture, readJson } from '../artifacts/fixtures';

type Raw = { nodes: Record<string, Record<string, unknown>>; parent_map: Record<string, string[]>; child_map: Record<string, string[]> };
const load = (): Raw => readJson(fixture('recce/tests/data/manifest/base/manifest.json')) as Raw;
const PY_UUID_CUSTOMERS = 'b8fb5e37-8392-595e-a412-b9f4d1fc3fa3';
const graphOf = (json: unknown) => buildLogicalGraph(parseManifest(json).manifest, 'recce-demo');

describe('buildLogicalGraph on a real dbt 1.8 manifest (recce base)', () => {
  const json = load();
  const graph = graphOf(json);

  it('parents and children equal dbt\'s own parent_map and child_map', () => {
    for (const id of graph.nodes.keys()) {
      expect({ id, parents: graph.parents(id) }).toEqual({ id, parents: [...new Set(json.parent_map[id] ?? [])].sort() });
      expect({ id, children: graph.children(id) }).toEqual({ id, children: [...new Set(json.child_map[id] ?? [])].sort() });
    }
  });

  it('ancestors and descendants, with and without depth', () => {
    const id = 'model.jaffle_shop.customers';
    expect([...graph.ancestors(id)].sort()).toEqual([
      'model.jaffle_shop.stg_customers', 'model.jaffle_shop.stg_orders', 'model.jaffle_shop.stg_payments',
      'source.jaffle_shop.jaffle-shop-data.raw_customers', 'source.jaffle_shop.jaffle-shop-data.raw_orders',
      'source.jaffle_shop.jaffle-shop-data.raw_payments',
    ]);
    expect([...graph.ancestors(id, 1)].sort()).toEqual(['model.jaffle_shop.stg_customers', 'model.jaffle_shop.stg_orders', 'model.jaffle_shop.stg_payments']);
    const depth1 = graph.descendants(id, 1);
    expect([...depth1].sort()).toEqual([...graph.children(id)]);
    const all = graph.descendants(id);
    for (const d of depth1) expect(all.has(d)).toBe(true);
    expect(all.has(id)).toBe(false);
    expect(graph.descendants(id, 0).size).toBe(0);
  });

  it('topological order puts every parent before its children, deterministically', () => {
    const order = graph.topologicalOrder();
    expect(order).toHaveLength(graph.nodes.size);
    const position = new Map(order.map((id, i) => [id, i]));
    for (const edge of graph.edges) expect((position.get(edge.from) ?? -1) < (position.get(edge.to) ?? -1)).toBe(true);
    expect(graphOf(load()).topologicalOrder()).toEqual(order);
    // Ties broken by unique_id: the first node is the smallest id without parents.
    const roots = [...graph.nodes.keys()].filter((id) => graph.parents(id).length === 0).sort();
    expect(order[0]).toBe(roots[0]);
  });

  it('node uuids are UUIDv5 of project id + unique_id (checked against Python uuid.uuid5)', () => {
    // python3: uuid5(uuid5(UUID('66212bee-01cc-570b-bc09-093951145fe6'), 'recce-demo'), 'model.jaffle_shop.customers')
    expect(graph.get('model.jaffle_shop.customers')?.nodeUuid).toBe(PY_UUID_CUSTOMERS);
    expect(buildLogicalGraph(parseManifest(load()).manifest, 'another').get('model.jaffle_shop.customers')?.nodeUuid).not.toBe(PY_UUID_CUSTOMERS);
  });

  it('critical path follows the longest weighted chain, restricted to a subset when given', () => {
    const durations = new Map([
      ['model.jaffle_shop.stg_orders', 5],
      ['model.jaffle_shop.stg_customers', 1],
      ['model.jaffle_shop.customers', 10],
      ['model.jaffle_shop.orders', 2],
    ]);
    const { path, total } = graph.criticalPath(durations);
    expect(total).toBe(15);
    expect(path.slice(-2)).toEqual(['model.jaffle_shop.stg_orders', 'model.jaffle_shop.customers']);
    const subset = new Set(['model.jaffle_shop.stg_customers', 'model.jaffle_shop.orders', 'model.jaffle_shop.stg_orders']);
    expect(graph.criticalPath(durations, subset)).toEqual({ path: ['model.jaffle_shop.stg_orders', 'model.jaffle_shop.orders'], total: 7 });
  });
});

describe('dependency cycles', () => {
  it('a cycle is an ArtifactError naming the cycle', () => {
    const json = load();
    // stg_customers now depends on customers, which depends on stg_customers.
    const stg = json.nodes['model.jaffle_shop.stg_customers'] as { depends_on: { nodes: string[] } };
    stg.depends_on.nodes.push('model.jaffle_shop.customers');
    let error: unknown;
    try {
      graphOf(json);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ArtifactError);
    expect(error).toMatchObject({ code: 'dependency_cycle', field: 'depends_on.nodes' });
    expect((error as Error).message).toBe('manifest: dependency cycle: model.jaffle_shop.customers → model.jaffle_shop.stg_customers → model.jaffle_shop.customers');
  });
});
