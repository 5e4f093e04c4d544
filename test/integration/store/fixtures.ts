import type { DbtNode, NodeKind } from '../../../domain/artifacts/types';
import type { GraphEdge, GraphNode } from '../../../domain/graph/types';

/** A minimal normalized node, enough for the store (which keeps DbtNode as an opaque JSON document). */
export function dbtNode(uniqueId: string, kind: NodeKind, dependsOn: readonly string[] = []): DbtNode {
  const name = uniqueId.split('.').pop() ?? uniqueId;
  return {
    uniqueId, kind, name, packageName: 'shop', path: `${name}.sql`, originalFilePath: `models/${name}.sql`,
    fqn: ['shop', name], tags: [], config: { materialized: 'view' }, unrenderedConfig: {}, meta: {},
    description: `The ${name} model`, columns: { id: { name: 'id', description: 'key', dataType: null, meta: {}, tags: [] } },
    checksum: null, rawCode: 'select 1', compiledCode: null, language: 'sql', relation: null, relationName: null,
    materialized: 'view', dependsOn, dependsOnMacros: [], group: null, access: null, version: null, latestVersion: null,
    contract: null, test: null, source: null, extra: {},
  };
}

/** A small graph: source → stg_orders → orders, stg_customers → orders. */
export function smallGraph(): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const specs: Array<[string, NodeKind, string[]]> = [
    ['source.shop.raw.orders', 'source', []],
    ['model.shop.stg_orders', 'model', ['source.shop.raw.orders']],
    ['model.shop.stg_customers', 'model', []],
    ['model.shop.orders', 'model', ['model.shop.stg_orders', 'model.shop.stg_customers']],
  ];
  const nodes = specs.map(([id, kind, deps], i) => ({
    uniqueId: id, kind, nodeUuid: `00000000-0000-5000-8000-00000000000${i}`, node: dbtNode(id, kind, deps),
  }));
  const edges = specs.flatMap(([id, , deps]) => deps.map((from) => ({ from, to: id })));
  return { nodes, edges };
}
