import type { DbtNode, Manifest } from '../../domain/artifacts/types';
import { buildLogicalGraph } from '../../domain/graph/build';
import type { LogicalGraph } from '../../domain/graph/types';
import { buildWorkspaceGraph, type WorkspaceGraph } from '../../ui/src/graph/model';
import { graphInputs, loadJaffle, PROJECT_ID } from './fixtures';

// jaffle_shop (test/ui/fixtures.ts) with tags, dbt groups and access set the way a dbt_project.yml
// would: the fixture has none, and the selectors and groupings that read them need some to select.

export const STAGING = ['model.jaffle_shop.stg_customers', 'model.jaffle_shop.stg_orders', 'model.jaffle_shop.stg_payments'];
export const ORDERS = 'model.jaffle_shop.orders';

function decorate(node: DbtNode): DbtNode {
  if (STAGING.includes(node.uniqueId)) return { ...node, tags: ['staging', 'nightly'], group: 'core', config: { ...node.config, tags: ['staging', 'nightly'], group: 'core' } };
  if (node.uniqueId === ORDERS) return { ...node, tags: ['finance'], group: 'finance', access: 'public', config: { ...node.config, tags: ['finance'], group: 'finance' } };
  if (node.kind === 'seed') return { ...node, tags: ['raw'], config: { ...node.config, tags: ['raw'] } };
  return node;
}

export function loadTaggedJaffle(): { manifest: Manifest; graph: LogicalGraph } {
  const { manifest } = loadJaffle();
  const tagged: Manifest = { ...manifest, nodes: new Map([...manifest.nodes].map(([id, n]) => [id, decorate(n)])) };
  return { manifest: tagged, graph: buildLogicalGraph(tagged, PROJECT_ID) };
}

/** The workspace graph the UI builds from the API's pages: full nodes (include=node) or summaries (an older API). */
export function taggedWorkspace(full: boolean): WorkspaceGraph {
  const { manifest, graph } = loadTaggedJaffle();
  const { nodes, edges } = graphInputs(graph, full);
  return buildWorkspaceGraph(nodes, edges, full ? manifest.projectName : null);
}
