import type { DbtNode, Manifest, NodeKind } from '../artifacts/types';
import type { LogicalGraph } from '../graph/types';

/** The part of a LogicalGraph selection needs: node ids and the edges either way. */
export type SelectionGraph = Pick<LogicalGraph, 'nodes' | 'parents' | 'children'>;

/**
 * What selection runs over: the nodes dbt's selector can pick (every graph node except groups,
 * which are not in dbt's graph) with their parents and children. Build it once per manifest and
 * reuse it for many selections (the UI does).
 */
export interface SelectionUniverse {
  readonly manifest: Manifest;
  readonly ids: readonly string[];
  readonly nodes: ReadonlyMap<string, DbtNode>;
  readonly parents: ReadonlyMap<string, readonly string[]>;
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** The root project's name: `package:this`, and whose files the `path` method can see. */
  readonly rootProject: string | null;
}

const NOT_IN_DBT_GRAPH: ReadonlySet<NodeKind> = new Set<NodeKind>(['group']);
const EMPTY: readonly string[] = Object.freeze([]);

export function buildUniverse(graph: SelectionGraph, manifest: Manifest): SelectionUniverse {
  const nodes = new Map<string, DbtNode>();
  for (const [id, graphNode] of graph.nodes) {
    if (!NOT_IN_DBT_GRAPH.has(graphNode.kind)) nodes.set(id, graphNode.node);
  }
  const parents = new Map<string, readonly string[]>();
  const children = new Map<string, readonly string[]>();
  for (const id of nodes.keys()) {
    const ups = graph.parents(id).filter((p) => nodes.has(p));
    if (ups.length > 0) parents.set(id, ups);
    const downs = graph.children(id).filter((c) => nodes.has(c));
    if (downs.length > 0) children.set(id, downs);
  }
  return { manifest, ids: [...nodes.keys()], nodes, parents, children, rootProject: manifest.projectName };
}

export function parentsOf(universe: SelectionUniverse, id: string): readonly string[] {
  return universe.parents.get(id) ?? EMPTY;
}

export function childrenOf(universe: SelectionUniverse, id: string): readonly string[] {
  return universe.children.get(id) ?? EMPTY;
}

/**
 * Nodes reached from `start` in `depth` generations at most (all when null), walking one layer at
 * a time as dbt does; a start node is included only when another start node reaches it.
 */
function layers(start: ReadonlySet<string>, next: (id: string) => readonly string[], depth: number | null): Set<string> {
  const found = new Set<string>();
  let frontier: Iterable<string> = start;
  for (let generation = 0; depth === null || generation < depth; generation++) {
    const layer: string[] = [];
    for (const id of frontier) {
      for (const neighbour of next(id)) {
        if (!found.has(neighbour)) {
          found.add(neighbour);
          layer.push(neighbour);
        }
      }
    }
    if (layer.length === 0) break;
    frontier = layer;
  }
  return found;
}

export function selectParents(universe: SelectionUniverse, start: ReadonlySet<string>, depth: number | null = null): Set<string> {
  return layers(start, (id) => parentsOf(universe, id), depth);
}

export function selectChildren(universe: SelectionUniverse, start: ReadonlySet<string>, depth: number | null = null): Set<string> {
  return layers(start, (id) => childrenOf(universe, id), depth);
}

/** `@`: the selection, its descendants, and every ancestor of those. */
export function selectChildrensParents(universe: SelectionUniverse, start: ReadonlySet<string>): Set<string> {
  const down = selectChildren(universe, start);
  for (const id of start) down.add(id);
  const up = selectParents(universe, down);
  for (const id of down) up.add(id);
  return up;
}
