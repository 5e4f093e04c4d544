import type { DbtNode, NodeKind } from '../../../domain/artifacts/types';
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
  /**
   * For a node that is not a test, the tests attached to it (its children of kind test or unit_test:
   * a relationships test counts for both its models), sorted; empty for groups and tests. Graphs
   * not made by collapseGraph (diff, plan overlay) leave it out.
   */
  readonly tests?: readonly string[];
}

export interface VisibleGraph {
  readonly nodes: readonly VisibleNode[];
  readonly edges: readonly GraphEdge[];
  /** Whether test and unit_test nodes were left out (CollapseOptions.hideTests); absent means no. */
  readonly testsHidden?: boolean;
}

export interface CollapseOptions {
  /**
   * Leave out test and unit_test nodes and their edges, as dbt Explorer and dbt docs draw lineage;
   * a collapsed group's members then exclude them too, and a group of tests only is not drawn.
   */
  readonly hideTests?: boolean;
}

/** Data tests and unit tests: the nodes the workspace can leave off the lineage. */
export const isTestKind = (kind: NodeKind): boolean => kind === 'test' || kind === 'unit_test';

const NO_TESTS: readonly string[] = Object.freeze([]);

/** The graph's test and unit_test nodes. */
export function countTests(graph: WorkspaceGraph): number {
  let count = 0;
  for (const n of graph.nodes.values()) if (isTestKind(n.kind)) count++;
  return count;
}

/**
 * The drawn node that stands for a unique_id: itself, or, for a test while tests are hidden, a node
 * whose badge counts it: dbt's attached node when it is a parent (a relationships test has two),
 * else its first parent that is not a test, else the attached node; null for a hidden test with
 * none of these, and for an unknown id.
 */
export function drawnNodeOf(graph: WorkspaceGraph, id: string, hideTests: boolean): string | null {
  const node = graph.nodes.get(id);
  if (!node) return null;
  if (!hideTests || !isTestKind(node.kind)) return id;
  const drawn = (candidate: string | null | undefined): candidate is string => {
    const kind = candidate ? graph.nodes.get(candidate)?.kind : undefined;
    return kind !== undefined && !isTestKind(kind);
  };
  const attached = node.node.test?.attachedNodeId;
  const parents = graph.parents.get(id) ?? [];
  if (drawn(attached) && parents.includes(attached)) return attached;
  return parents.find(drawn) ?? (drawn(attached) ? attached : null);
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

/**
 * Every group key of the graph under a grouping with its member count, sorted by key. With
 * `hideTests`, tests are not counted and a group of tests only is left out.
 */
export function groupsOf(graph: WorkspaceGraph, grouping: Grouping, options: CollapseOptions = {}): Array<{ key: string; size: number }> {
  const counts = new Map<string, number>();
  for (const n of graph.nodes.values()) {
    if (options.hideTests && isTestKind(n.kind)) continue;
    const key = groupKeyOf(n.node, grouping);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, size]) => ({ key, size }));
}

/** The tests attached to a node: its children of kind test or unit_test (sorted, as children are). */
function testsOf(graph: WorkspaceGraph, id: string): readonly string[] {
  const children = graph.children.get(id);
  if (!children) return NO_TESTS;
  const tests = children.filter((c) => {
    const kind = graph.nodes.get(c)?.kind;
    return kind !== undefined && isTestKind(kind);
  });
  return tests.length > 0 ? tests : NO_TESTS;
}

/**
 * The graph as drawn: nodes of collapsed groups replaced by one node per group, edges redirected
 * to it, de-duplicated, and edges inside a collapsed group dropped; with `hideTests`, tests and
 * their edges left out. The dbt graph itself is untouched (the canvas never changes dependencies).
 */
export function collapseGraph(graph: WorkspaceGraph, grouping: Grouping, collapsed: ReadonlySet<string>, options: CollapseOptions = {}): VisibleGraph {
  const hideTests = options.hideTests ?? false;
  const owner = new Map<string, string>();
  const groupMembers = new Map<string, string[]>();
  const nodes: VisibleNode[] = [];
  for (const [id, n] of graph.nodes) {
    const test = isTestKind(n.kind);
    if (hideTests && test) continue;
    const key = groupKeyOf(n.node, grouping);
    if (collapsed.has(key)) {
      owner.set(id, key);
      (groupMembers.get(key) ?? groupMembers.set(key, []).get(key))?.push(id);
    } else {
      owner.set(id, id);
      nodes.push({ id, type: 'node', label: n.node.name, members: [id], groupKey: key, tests: test ? NO_TESTS : testsOf(graph, id) });
    }
  }
  for (const [key, members] of groupMembers) {
    nodes.push({ id: key, type: 'group', label: key.slice(key.indexOf(':') + 1), members, groupKey: key, tests: NO_TESTS });
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
  return { nodes, edges, testsHidden: hideTests };
}
