import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { LayoutInput, LayoutResult, Point } from './types';

/**
 * The graph layout: a pure function of its input (elkjs, no React, no DOM), run directly for small
 * graphs and inside the layout worker for big ones (see asyncLayout.ts).
 */

/** Layered, left to right (sources on the left, exposures on the right), as dbt users read lineage. */
const BASE_OPTIONS: Readonly<Record<string, string>> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'POLYLINE',
  'elk.spacing.nodeNode': '16',
  'elk.layered.spacing.nodeNodeBetweenLayers': '60',
};

/**
 * Above this many nodes the layout trades beauty for time: longest-path layering, simple node
 * placement and no crossing minimisation keep 5,000 nodes within seconds instead of minutes.
 */
export const LARGE_GRAPH_NODES = 300;

const LARGE_OPTIONS: Readonly<Record<string, string>> = {
  'elk.layered.thoroughness': '1',
  'elk.layered.layering.strategy': 'LONGEST_PATH',
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
  'elk.layered.crossingMinimization.strategy': 'NONE',
  'elk.separateConnectedComponents': 'false',
};

const SMALL_OPTIONS: Readonly<Record<string, string>> = {
  // Keeps siblings in unique_id order (stable pictures); it costs minutes on thousands of nodes.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.thoroughness': '4',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.separateConnectedComponents': 'true',
  'elk.spacing.componentComponent': '40',
};

/**
 * A deterministic key of a layout input: the same nodes (ids and sizes) and edges in any order
 * give the same key, so layouts can be memoized across renders and sessions.
 */
export function layoutKey(input: LayoutInput): string {
  const nodes = input.nodes.map((n) => `${n.id}\u0001${n.width}\u0001${n.height}`).sort();
  const edges = input.edges.map((e) => `${e.from}\u0001${e.to}`).sort();
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const feed = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    }
  };
  for (const n of nodes) feed(`${n}\u0002`);
  feed('\u0003');
  for (const e of edges) feed(`${e}\u0002`);
  return `${nodes.length}n${edges.length}e-${h1.toString(16)}${h2.toString(16)}`;
}

/** Sorted copies, so the layout does not depend on the order nodes and edges were given in. */
function canonical(input: LayoutInput): LayoutInput {
  const ids = new Set(input.nodes.map((n) => n.id));
  const nodes = [...input.nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const seen = new Set<string>();
  const edges = input.edges
    .filter((e) => e.from !== e.to && ids.has(e.from) && ids.has(e.to))
    .filter((e) => {
      const k = `${e.from}\u0001${e.to}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  return { nodes, edges };
}

const elk = new ELK();

/** Lays out a graph; edges naming unknown nodes, self-loops and duplicates are ignored. */
export async function layoutGraph(input: LayoutInput): Promise<LayoutResult> {
  const key = layoutKey(input);
  const { nodes, edges } = canonical(input);
  if (nodes.length === 0) return { key, positions: {}, width: 0, height: 0 };
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: { ...BASE_OPTIONS, ...(nodes.length > LARGE_GRAPH_NODES ? LARGE_OPTIONS : SMALL_OPTIONS) },
    children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  };
  const laid = await elk.layout(graph);
  const positions: Record<string, Point> = {};
  for (const child of laid.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return { key, positions, width: laid.width ?? 0, height: laid.height ?? 0 };
}
