import type { DbtNode } from '../../../domain/artifacts/types';
import type { GraphEdge } from '../../../domain/graph/types';
import type { WorkspaceGraph } from './model';

/** What the canvas groups by; a collapsed group is drawn as one node. */
export type Grouping = 'package' | 'folder' | 'group';

export const GROUPINGS: readonly Grouping[] = ['package', 'folder', 'group'];

export interface VisibleNode {
  readonly id: string;
  readonly type: 'node' | 'group';
  readonly label: string;
  /** For a group node, the unique_ids it stands for; for a node, itself. */
  readonly members: readonly string[];
  /** The group key the node belongs to (a group node's own key). */
  readonly groupKey: string;
}

export interface VisibleGraph {
  readonly nodes: readonly VisibleNode[];
  readonly edges: readonly GraphEdge[];
}

/** The node's folder: the directory of its file within its package, `(none)` when unknown. */
export function folderOf(node: DbtNode): string {
  const path = node.originalFilePath ?? node.path;
  if (!path) return '(none)';
  const cut = path.lastIndexOf('/');
  return cut < 0 ? '.' : path.slice(0, cut);
}

/** The group key of a node under a grouping, e.g. `package:jaffle_shop`, `folder:jaffle_shop/models/staging`. */
export function groupKeyOf(node: DbtNode, grouping: Grouping): string {
  switch (grouping) {
    case 'package':
      return `package:${node.packageName}`;
    case 'folder':
      return `folder:${node.packageName}/${folderOf(node)}`;
    case 'group':
      return `group:${node.group ?? '(none)'}`;
    default: {
      const unreachable: never = grouping;
      throw new Error(`unknown grouping ${String(unreachable)}`);
    }
  }
}

/** Every group key of the graph under a grouping with its member count, sorted by key. */
export function groupsOf(graph: WorkspaceGraph, grouping: Grouping): Array<{ key: string; size: number }> {
  const counts = new Map<string, number>();
  for (const n of graph.nodes.values()) {
    const key = groupKeyOf(n.node, grouping);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, size]) => ({ key, size }));
}

/**
 * The graph as drawn: nodes of collapsed groups replaced by one node per group, edges redirected
 * to it, de-duplicated, and edges inside a collapsed group dropped. The dbt graph itself is
 * untouched (the canvas never changes dependencies).
 */
export function collapseGraph(graph: WorkspaceGraph, grouping: Grouping, collapsed: ReadonlySet<string>): VisibleGraph {
  const owner = new Map<string, string>();
  const groupMembers = new Map<string, string[]>();
  const nodes: VisibleNode[] = [];
  for (const [id, n] of graph.nodes) {
    const key = groupKeyOf(n.node, grouping);
    if (collapsed.has(key)) {
      owner.set(id, key);
      (groupMembers.get(key) ?? groupMembers.set(key, []).get(key))?.push(id);
    } else {
      owner.set(id, id);
      nodes.push({ id, type: 'node', label: n.node.name, members: [id], groupKey: key });
    }
  }
  for (const [key, members] of groupMembers) {
    nodes.push({ id: key, type: 'group', label: key.slice(key.indexOf(':') + 1), members, groupKey: key });
  }
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  for (const e of graph.edges) {
    const from = owner.get(e.from);
    const to = owner.get(e.to);
    if (from === undefined || to === undefined || from === to) continue;
    const k = `${from}\u0001${to}`;
    if (seen.has(k)) continue;
    seen.add(k);
    edges.push({ from, to });
  }
  nodes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { nodes, edges };
}
