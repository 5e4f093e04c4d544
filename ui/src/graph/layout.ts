import type { ElkNode } from 'elkjs/lib/elk.bundled.js';
import { layeredLayout } from './layered';
import type { LayoutEngine, LayoutInput, LayoutResult, Point } from './types';

/**
 * The graph layout: a pure function of its input (no React, no DOM), run directly for small graphs
 * and inside the layout worker for big ones (see asyncLayout.ts). Up to LARGE_GRAPH_NODES nodes it is
 * elkjs's layered algorithm at full quality; above, Sluice's own layered layout (layered.ts), which
 * minimises crossings at 5,000 nodes in about a tenth of a second where elkjs needs seconds without
 * minimising them (measured in docs/benchmarks.md; decision in docs/adr/0007).
 */

/** Layered, left to right (sources on the left, exposures on the right), as dbt users read lineage. */
const BASE_OPTIONS: Readonly<Record<string, string>> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'POLYLINE',
  'elk.spacing.nodeNode': '16',
  'elk.layered.spacing.nodeNodeBetweenLayers': '60',
};

/** Above this many nodes elkjs's crossing minimisation takes seconds; layered.ts takes over. */
export const LARGE_GRAPH_NODES = 300;

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

/** The engine a graph of this many nodes is laid out by. */
export function engineFor(nodeCount: number): LayoutEngine {
  return nodeCount > LARGE_GRAPH_NODES ? 'layered' : 'elk';
}

type ElkInstance = { layout(graph: ElkNode): Promise<ElkNode> };
let elk: Promise<ElkInstance> | null = null;

/** elkjs is loaded on first use: a worker that only lays out big graphs never parses its 1.5 MB. */
function elkInstance(): Promise<ElkInstance> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((module) => new module.default());
  return elk;
}

/** Lays out a graph; edges naming unknown nodes, self-loops and duplicates are ignored. */
export async function layoutGraph(input: LayoutInput): Promise<LayoutResult> {
  const key = layoutKey(input);
  const canonicalInput = canonical(input);
  const { nodes, edges } = canonicalInput;
  const engine = engineFor(nodes.length);
  if (nodes.length === 0) return { key, engine, positions: {}, width: 0, height: 0 };
  if (engine === 'layered') return { key, engine, ...layeredLayout(canonicalInput) };
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: { ...BASE_OPTIONS, ...SMALL_OPTIONS },
    children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  };
  const laid = await (await elkInstance()).layout(graph);
  const positions: Record<string, Point> = {};
  for (const child of laid.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return { key, engine, positions, width: laid.width ?? 0, height: laid.height ?? 0 };
}
