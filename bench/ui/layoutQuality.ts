import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { layeredLayout } from '../../ui/src/graph/layered';
import type { LayoutEdge, LayoutInput, Point } from '../../ui/src/graph/types';
import { generateGraph } from './page/generate';

// Layout quality and time, elkjs's layered settings against Sluice's layered layout (ADR 0007), on
// generated dbt-like graphs, in Node. Crossings count pairs of straight edges (parent's right side
// to child's left side) that intersect; O(edges²), so sizes above 2,000 skip it.
// Run: npx tsx bench/ui/layoutQuality.ts [sizes...]
const BASE = { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.edgeRouting': 'POLYLINE', 'elk.spacing.nodeNode': '16', 'elk.layered.spacing.nodeNodeBetweenLayers': '60' };
const ELK_SETTINGS: Record<string, Record<string, string>> = {
  'elkjs fast (no crossing minimisation)': { ...BASE, 'elk.layered.thoroughness': '1', 'elk.layered.layering.strategy': 'LONGEST_PATH', 'elk.layered.nodePlacement.strategy': 'SIMPLE', 'elk.layered.crossingMinimization.strategy': 'NONE', 'elk.separateConnectedComponents': 'false' },
  'elkjs layer sweep': { ...BASE, 'elk.layered.thoroughness': '1', 'elk.layered.layering.strategy': 'LONGEST_PATH', 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF', 'elk.separateConnectedComponents': 'false' },
};
const CROSSING_LIMIT = 2_000;
const box = { width: 200, height: 36 };

function quality(positions: Readonly<Record<string, Point>>, edges: readonly LayoutEdge[], countCrossings: boolean): { meanEdge: number; crossings: number | null } {
  const segs = edges.map((e) => {
    const a = positions[e.from] ?? { x: 0, y: 0 };
    const b = positions[e.to] ?? { x: 0, y: 0 };
    return [a.x + box.width, a.y + box.height / 2, b.x, b.y + box.height / 2] as [number, number, number, number];
  });
  const length = segs.reduce((sum, [x1, y1, x2, y2]) => sum + Math.hypot(x2 - x1, y2 - y1), 0);
  if (!countCrossings) return { meanEdge: length / Math.max(1, segs.length), crossings: null };
  let crossings = 0;
  for (let i = 0; i < segs.length; i++) {
    const [x1, y1, x2, y2] = segs[i] as [number, number, number, number];
    for (let j = i + 1; j < segs.length; j++) {
      const [x3, y3, x4, y4] = segs[j] as [number, number, number, number];
      const d = (x2 - x1) * (y4 - y3) - (y2 - y1) * (x4 - x3);
      if (d === 0) continue;
      const t = ((x3 - x1) * (y4 - y3) - (y3 - y1) * (x4 - x3)) / d;
      const u = ((x3 - x1) * (y2 - y1) - (y3 - y1) * (x2 - x1)) / d;
      if (t > 1e-9 && t < 1 - 1e-9 && u > 1e-9 && u < 1 - 1e-9) crossings++;
    }
  }
  return { meanEdge: length / Math.max(1, segs.length), crossings };
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number);
  const elk = new ELK();
  console.log('| nodes | edges | layout | time (ms) | crossings | mean edge length |');
  console.log('|---:|---:|---|---:|---:|---:|');
  for (const n of sizes.length ? sizes : [300, 1000, 2000, 5000]) {
    const data = generateGraph(n);
    const input: LayoutInput = { nodes: data.nodes.map((x) => ({ id: x.uniqueId, ...box })).sort((a, b) => (a.id < b.id ? -1 : 1)), edges: data.edges };
    const count = n <= CROSSING_LIMIT;
    const row = (name: string, ms: number, positions: Readonly<Record<string, Point>>): void => {
      const q = quality(positions, input.edges, count);
      console.log(`| ${n.toLocaleString('en')} | ${input.edges.length.toLocaleString('en')} | ${name} | ${Math.round(ms).toLocaleString('en')} | ${q.crossings?.toLocaleString('en') ?? '–'} | ${Math.round(q.meanEdge).toLocaleString('en')} |`);
    };
    for (const [name, options] of Object.entries(ELK_SETTINGS)) {
      if (name === 'elkjs layer sweep' && n > CROSSING_LIMIT) continue;
      const graph: ElkNode = { id: 'root', layoutOptions: options, children: input.nodes.map((x) => ({ ...x })), edges: input.edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })) };
      const started = performance.now();
      const laid = await elk.layout(graph);
      const positions: Record<string, Point> = {};
      for (const c of laid.children ?? []) positions[c.id] = { x: c.x ?? 0, y: c.y ?? 0 };
      row(name, performance.now() - started, positions);
    }
    const started = performance.now();
    const laid = layeredLayout(input);
    row('Sluice layered', performance.now() - started, laid.positions);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
