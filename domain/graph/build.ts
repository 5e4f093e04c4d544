import { namespaceBytes, projectNamespace, uuidV5 } from '../ids/uuid';
import type { Manifest } from '../artifacts/types';
import { criticalPath } from './critical-path';
import { topologicalSort } from './order';
import type { GraphEdge, GraphNode, LogicalGraph } from './types';

const EMPTY: readonly string[] = Object.freeze([]);

/** Breadth-first walk over `next` links, `depth` generations at most (all when undefined). */
function walk(start: string, next: ReadonlyMap<string, readonly string[]>, depth?: number): Set<string> {
  const seen = new Set<string>();
  let frontier = [start];
  for (let generation = 0; frontier.length > 0 && (depth === undefined || generation < depth); generation++) {
    const upcoming: string[] = [];
    for (const id of frontier) {
      for (const neighbour of next.get(id) ?? EMPTY) {
        if (neighbour === start || seen.has(neighbour)) continue;
        seen.add(neighbour);
        upcoming.push(neighbour);
      }
    }
    frontier = upcoming;
  }
  return seen;
}

/**
 * Builds the LogicalGraph of a manifest: one node per enabled manifest node, one edge per
 * `depends_on.nodes` entry that names a node of the manifest (dangling ones are warnings of the
 * manifest, not edges). `node_uuid` is UUIDv5(projectNamespace(projectId), unique_id).
 * Throws an `ArtifactError` (`dependency_cycle`) naming the cycle when there is one.
 */
export function buildLogicalGraph(manifest: Manifest, projectId: string): LogicalGraph {
  const namespace = namespaceBytes(projectNamespace(projectId));
  const ids = [...manifest.nodes.keys()].sort();
  const nodes = new Map<string, GraphNode>();
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  const edges: GraphEdge[] = [];
  for (const id of ids) {
    const node = manifest.nodes.get(id);
    if (!node) continue;
    nodes.set(id, { nodeUuid: uuidV5(id, namespace), uniqueId: id, kind: node.kind, node });
  }
  for (const id of ids) {
    const node = manifest.nodes.get(id);
    if (!node) continue;
    const ups = [...new Set(node.dependsOn.filter((parent) => nodes.has(parent)))].sort();
    if (ups.length === 0) continue;
    parents.set(id, ups);
    for (const parent of ups) {
      edges.push({ from: parent, to: id });
      const list = children.get(parent);
      if (list) list.push(id);
      else children.set(parent, [id]);
    }
  }
  // ids are visited in sorted order, so every children list is already sorted.
  const order = topologicalSort(ids, parents, children);
  const position = new Map<string, number>();
  order.forEach((id, i) => position.set(id, i));

  const graph: LogicalGraph = {
    projectId,
    nodes,
    edges,
    has: (id) => nodes.has(id),
    get: (id) => nodes.get(id),
    parents: (id) => parents.get(id) ?? EMPTY,
    children: (id) => children.get(id) ?? EMPTY,
    ancestors: (id, depth) => walk(id, parents, depth),
    descendants: (id, depth) => walk(id, children, depth),
    topologicalOrder: () => order,
    criticalPath: (durations, subset) => criticalPath(order, parents, durations, subset),
  };
  return graph;
}
