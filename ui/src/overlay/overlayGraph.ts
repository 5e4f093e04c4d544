import type { PlanNode } from '../client/client';
import type { VisibleGraph } from '../graph/collapse';
import type { WorkspaceGraph } from '../graph/model';

/**
 * What the plan and run graphs draw, pure (no React, no DOM): the plan's nodes, the edges among
 * them, and on demand their direct neighbours in the version's graph that are not in the plan
 * ("context", drawn muted). The structure depends on the plan, the graph and the toggle only, never
 * on run states, so a polled run keeps the same layout.
 */

/** A node of the plan, or a neighbour of one that the plan does not contain. */
export type OverlayRole = 'planned' | 'context';

/**
 * `direct`: an edge of the version's graph between two planned nodes. `through`: the plan's
 * `upstream` says one waits for the other, through nodes the plan leaves out (drawn dashed).
 * `context`: a graph edge with a context node at one end at least (drawn muted).
 */
export type OverlayEdgeKind = 'direct' | 'through' | 'context';

export interface OverlayNode {
  readonly id: string;
  readonly label: string;
  readonly kind: string;
  readonly role: OverlayRole;
}

export interface OverlayEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: OverlayEdgeKind;
}

export interface OverlayGraph {
  /** Sorted by unique_id. */
  readonly nodes: readonly OverlayNode[];
  /** Sorted by (from, to), no duplicates. */
  readonly edges: readonly OverlayEdge[];
  /** How many context nodes the toggle adds (or added): the count is known whether they are shown or not. */
  readonly contextCount: number;
}

/** What the overlay needs of the version's graph (a WorkspaceGraph is one). */
export type OverlaySource = Pick<WorkspaceGraph, 'nodes' | 'parents' | 'children'>;

/** What the overlay needs of a plan node. */
export type OverlayPlanNode = Pick<PlanNode, 'uniqueId' | 'name' | 'kind' | 'upstream'>;

const EMPTY: readonly string[] = Object.freeze([]);
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const edgeKey = (from: string, to: string): string => `${from}\u0001${to}`;

/** The direct upstream and downstream neighbours of the planned nodes that the plan does not contain. */
export function contextOf(planned: ReadonlySet<string>, graph: OverlaySource): Set<string> {
  const near = new Set<string>();
  for (const id of planned) {
    for (const n of graph.parents.get(id) ?? EMPTY) if (!planned.has(n)) near.add(n);
    for (const n of graph.children.get(id) ?? EMPTY) if (!planned.has(n)) near.add(n);
  }
  return near;
}

/**
 * The plan drawn on the version's graph. Without the graph (null) the edges come from the plan's
 * `upstream` alone, all `direct` (whether a node was left out between them cannot be told), and
 * there is no context.
 */
export function buildOverlayGraph(plan: readonly OverlayPlanNode[], graph: OverlaySource | null, withContext: boolean): OverlayGraph {
  const planned = new Map(plan.map((n) => [n.uniqueId, n]));
  const ids = new Set(planned.keys());
  const context = graph ? contextOf(ids, graph) : new Set<string>();
  const nodes: OverlayNode[] = plan.map((n) => ({ id: n.uniqueId, label: n.name, kind: n.kind, role: 'planned' }));
  if (withContext && graph) {
    for (const id of context) {
      const g = graph.nodes.get(id);
      nodes.push({ id, label: g?.node.name ?? id, kind: g?.kind ?? 'model', role: 'context' });
    }
  }
  const shown = new Set(nodes.map((n) => n.id));
  const edges = new Map<string, OverlayEdge>();
  if (graph) {
    for (const from of shown) {
      for (const to of graph.children.get(from) ?? EMPTY) {
        if (!shown.has(to)) continue;
        const kind = planned.has(from) && planned.has(to) ? 'direct' : 'context';
        edges.set(edgeKey(from, to), { from, to, kind });
      }
    }
  }
  for (const n of plan) {
    for (const up of n.upstream) {
      const key = edgeKey(up, n.uniqueId);
      if (!planned.has(up) || up === n.uniqueId || edges.has(key)) continue;
      edges.set(key, { from: up, to: n.uniqueId, kind: graph ? 'through' : 'direct' });
    }
  }
  return {
    nodes: nodes.sort((a, b) => byId(a.id, b.id)),
    edges: [...edges.values()].sort((a, b) => byId(a.from, b.from) || byId(a.to, b.to)),
    contextCount: context.size,
  };
}

/** The overlay as the workspace's layout service takes it. */
export function layoutGraphOf(overlay: OverlayGraph): VisibleGraph {
  return {
    nodes: overlay.nodes.map((n) => ({ id: n.id, type: 'node', label: n.label, members: [n.id], groupKey: '' })),
    edges: overlay.edges.map((e) => ({ from: e.from, to: e.to })),
  };
}
