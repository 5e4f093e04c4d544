import type { GraphEdge } from '../../../domain/graph/types';
import type { VersionDiff } from '../client/client';
import type { VisibleGraph } from '../graph/collapse';
import type { WorkspaceGraph } from '../graph/model';

/**
 * The Diff view's graph, pure (no React, no DOM): one union of the two versions' graphs, laid out
 * once so a node sits at the same place in both panes, with what each pane draws and how.
 */

/** The left pane is the base (older) version, the right pane the head version. */
export type DiffPane = 'base' | 'head';

/** How a node is drawn in one pane. */
export type NodeStatus = 'added' | 'removed' | 'modified' | 'impacted' | 'unchanged';

/** How an edge is drawn in one pane: `added` and `removed` edges exist in that pane's version only. */
export type EdgeStatus = 'added' | 'removed' | 'same';

/** What the union needs of a version's graph (a WorkspaceGraph is one). */
export type DiffSideGraph = Pick<WorkspaceGraph, 'nodes' | 'edges'>;

export interface UnionNode {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  /** The node's status in each pane; null where that version does not have it (it is not drawn there). */
  readonly base: NodeStatus | null;
  readonly head: NodeStatus | null;
  /** For a modified node, its change categories (the diff's order); else empty. */
  readonly changes: readonly string[];
  /** For a changed node, how many nodes of the head version its change reaches downstream. */
  readonly impacts: number;
}

export interface UnionEdge extends GraphEdge {
  /** The edge's status in each pane; null where that version does not have it. */
  readonly base: EdgeStatus | null;
  readonly head: EdgeStatus | null;
}

export interface UnionGraph {
  /** Sorted by unique_id. */
  readonly nodes: readonly UnionNode[];
  /** Sorted by (from, to), no duplicates. */
  readonly edges: readonly UnionEdge[];
}

export interface DiffFilter {
  /** Only changed and impacted nodes and their direct neighbours (the useful view of big projects). */
  readonly changedOnly: boolean;
  /** Draw nodes that neither changed nor are impacted (muted); off hides them. */
  readonly showUnchanged: boolean;
}

/** Above this many union nodes the view starts in "changed only": drawing 5,000 nodes twice helps nobody. */
export const CHANGED_ONLY_ABOVE = 500;

const EMPTY: readonly string[] = Object.freeze([]);
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const edgeKey = (e: GraphEdge): string => `${e.from}\u0001${e.to}`;

function headStatus(id: string, inBase: boolean, diff: DiffSets): NodeStatus {
  // A node the base lacks is new whatever the diff says; the diff decides everything else.
  if (!inBase || diff.added.has(id)) return 'added';
  if (diff.modified.has(id)) return 'modified';
  return diff.impacted.has(id) ? 'impacted' : 'unchanged';
}

function baseStatus(id: string, inHead: boolean, diff: DiffSets): NodeStatus {
  if (!inHead || diff.removed.has(id)) return 'removed';
  // Impact is a property of the head version: the base pane shows it muted, like unchanged nodes.
  return diff.modified.has(id) ? 'modified' : 'unchanged';
}

interface DiffSets {
  readonly added: ReadonlySet<string>;
  readonly removed: ReadonlySet<string>;
  readonly modified: ReadonlyMap<string, readonly string[]>;
  readonly impacted: ReadonlySet<string>;
  readonly impacts: ReadonlyMap<string, number>;
}

function setsOf(diff: VersionDiff): DiffSets {
  const impacts = new Map<string, number>();
  for (const d of [...diff.added, ...diff.removed, ...diff.modified]) impacts.set(d.uniqueId, d.impacted.length);
  return {
    added: new Set(diff.added.map((d) => d.uniqueId)),
    removed: new Set(diff.removed.map((d) => d.uniqueId)),
    modified: new Map(diff.modified.map((d) => [d.uniqueId, d.changes])),
    impacted: new Set(diff.impacted),
    impacts,
  };
}

/** The union of both versions' nodes and edges, each with its status in each pane. */
export function buildUnionGraph(base: DiffSideGraph, head: DiffSideGraph, diff: VersionDiff): UnionGraph {
  const sets = setsOf(diff);
  const ids = [...new Set([...base.nodes.keys(), ...head.nodes.keys()])].sort(byId);
  const nodes = ids.map((id): UnionNode => {
    const b = base.nodes.get(id);
    const h = head.nodes.get(id);
    const shown = h ?? b;
    return {
      id,
      kind: shown?.kind ?? 'model',
      label: shown?.node.name ?? id,
      base: b ? baseStatus(id, h !== undefined, sets) : null,
      head: h ? headStatus(id, b !== undefined, sets) : null,
      changes: sets.modified.get(id) ?? EMPTY,
      impacts: sets.impacts.get(id) ?? 0,
    };
  });
  const inBase = new Set(base.edges.map(edgeKey));
  const inHead = new Set(head.edges.map(edgeKey));
  const edges = new Map<string, UnionEdge>();
  for (const e of [...base.edges, ...head.edges]) {
    const key = edgeKey(e);
    if (edges.has(key)) continue;
    const b = inBase.has(key);
    const h = inHead.has(key);
    edges.set(key, { from: e.from, to: e.to, base: b ? (h ? 'same' : 'removed') : null, head: h ? (b ? 'same' : 'added') : null });
  }
  const sortedEdges = [...edges.values()].sort((x, y) => byId(x.from, y.from) || byId(x.to, y.to));
  return { nodes, edges: sortedEdges };
}

/** Added, removed or modified in either pane. */
export function isChanged(node: UnionNode): boolean {
  return [node.base, node.head].some((s) => s === 'added' || s === 'removed' || s === 'modified');
}

/** Changed, or downstream of a change in the head version. */
export function isTouched(node: UnionNode): boolean {
  return isChanged(node) || node.head === 'impacted';
}

export function defaultFilter(union: UnionGraph): DiffFilter {
  return { changedOnly: union.nodes.length > CHANGED_ONLY_ABOVE, showUnchanged: true };
}

/**
 * The part of the union the view draws: with `changedOnly`, the touched nodes and their direct
 * neighbours (parents and children in either version); without `showUnchanged`, touched nodes only.
 */
export function filterUnion(union: UnionGraph, filter: DiffFilter): UnionGraph {
  const touched = new Set(union.nodes.filter(isTouched).map((n) => n.id));
  let keep: ReadonlySet<string> = new Set(union.nodes.map((n) => n.id));
  if (filter.changedOnly) {
    const near = new Set(touched);
    for (const e of union.edges) {
      if (touched.has(e.from)) near.add(e.to);
      if (touched.has(e.to)) near.add(e.from);
    }
    keep = near;
  }
  if (!filter.showUnchanged) keep = new Set([...keep].filter((id) => touched.has(id)));
  return {
    nodes: union.nodes.filter((n) => keep.has(n.id)),
    edges: union.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
  };
}

/** The union as the layout service takes it: both panes share its positions. */
export function layoutGraphOf(union: UnionGraph): VisibleGraph {
  return {
    nodes: union.nodes.map((n) => ({ id: n.id, type: 'node', label: n.label, members: [n.id], groupKey: '' })),
    edges: union.edges.map((e) => ({ from: e.from, to: e.to })),
  };
}

export interface PaneNode {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly status: NodeStatus;
  readonly changes: readonly string[];
  readonly impacts: number;
}

export interface PaneEdge extends GraphEdge {
  readonly status: EdgeStatus;
  /** Both ends unchanged in this pane: drawn muted, like the nodes. */
  readonly muted: boolean;
}

/** What one pane draws: the nodes and edges of its version within the (filtered) union. */
export function paneOf(union: UnionGraph, pane: DiffPane): { readonly nodes: readonly PaneNode[]; readonly edges: readonly PaneEdge[] } {
  const nodes: PaneNode[] = [];
  for (const n of union.nodes) {
    const status = n[pane];
    if (status !== null) nodes.push({ id: n.id, kind: n.kind, label: n.label, status, changes: n.changes, impacts: n.impacts });
  }
  const statusOf = new Map(nodes.map((n) => [n.id, n.status]));
  const edges: PaneEdge[] = [];
  for (const e of union.edges) {
    const status = e[pane];
    if (status === null || !statusOf.has(e.from) || !statusOf.has(e.to)) continue;
    edges.push({ from: e.from, to: e.to, status, muted: status === 'same' && statusOf.get(e.from) === 'unchanged' && statusOf.get(e.to) === 'unchanged' });
  }
  return { nodes, edges };
}

export interface LegendCounts {
  readonly added: number;
  readonly removed: number;
  readonly modified: number;
  /** Downstream of a change and not changed itself: the nodes outlined in the head pane. */
  readonly impacted: number;
  readonly unchanged: number;
}

/** What the legend counts: the marks on the graph, over the whole union (whatever the filter hides). */
export function legendCounts(union: UnionGraph): LegendCounts {
  const counts = { added: 0, removed: 0, modified: 0, impacted: 0, unchanged: 0 };
  for (const n of union.nodes) {
    if (n.head === 'added') counts.added++;
    else if (n.base === 'removed') counts.removed++;
    else if (n.head === 'modified' || n.base === 'modified') counts.modified++;
    else if (n.head === 'impacted') counts.impacted++;
    else counts.unchanged++;
  }
  return counts;
}
