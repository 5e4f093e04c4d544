import type { ElkNode } from 'elkjs/lib/elk.bundled.js';
import { layeredLayout } from './layered';
import { canonicalLayoutInput, layoutKey } from './layoutInput';
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
  const canonicalInput = canonicalLayoutInput(input);
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
