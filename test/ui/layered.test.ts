import { engineFor, LARGE_GRAPH_NODES, layoutGraph } from '../../ui/src/graph/layout';
import { isotonicWithGaps, layeredLayout } from '../../ui/src/graph/layered';
import type { LayoutEdge, LayoutInput, Point } from '../../ui/src/graph/types';
import { generateGraph } from '../../bench/ui/page/generate';

const box = { width: 200, height: 36 };
const inputOf = (ids: readonly string[], edges: readonly LayoutEdge[]): LayoutInput => ({ nodes: [...ids].sort().map((id) => ({ id, ...box })), edges });

/** Pairs of straight edges between the right side of a parent and the left side of a child that cross. */
function crossings(positions: Readonly<Record<string, Point>>, edges: readonly LayoutEdge[]): number {
  const segs = edges.map((e) => {
    const a = positions[e.from] as Point;
    const b = positions[e.to] as Point;
    return [a.x + box.width, a.y + box.height / 2, b.x, b.y + box.height / 2] as const;
  });
  let count = 0;
  for (let i = 0; i < segs.length; i++) {
    for (let j = i + 1; j < segs.length; j++) {
      const [x1, y1, x2, y2] = segs[i] as readonly number[] as [number, number, number, number];
      const [x3, y3, x4, y4] = segs[j] as readonly number[] as [number, number, number, number];
      const d = (x2 - x1) * (y4 - y3) - (y2 - y1) * (x4 - x3);
      if (d === 0) continue;
      const t = ((x3 - x1) * (y4 - y3) - (y3 - y1) * (x4 - x3)) / d;
      const u = ((x3 - x1) * (y2 - y1) - (y3 - y1) * (x2 - x1)) / d;
      if (t > 1e-9 && t < 1 - 1e-9 && u > 1e-9 && u < 1 - 1e-9) count++;
    }
  }
  return count;
}

function overlaps(input: LayoutInput, positions: Readonly<Record<string, Point>>, gap: number): string[] {
  const byColumn = new Map<number, Array<{ id: string; y: number; h: number }>>();
  for (const n of input.nodes) {
    const p = positions[n.id] as Point;
    (byColumn.get(p.x) ?? byColumn.set(p.x, []).get(p.x))?.push({ id: n.id, y: p.y, h: n.height });
  }
  const bad: string[] = [];
  for (const column of byColumn.values()) {
    column.sort((a, b) => a.y - b.y);
    for (let i = 1; i < column.length; i++) {
      const prev = column[i - 1] as { id: string; y: number; h: number };
      const cur = column[i] as { id: string; y: number; h: number };
      if (cur.y < prev.y + prev.h + gap - 1) bad.push(`${prev.id}/${cur.id}`);
    }
  }
  return bad;
}

describe('layeredLayout (big graphs)', () => {
  it('places parents left of children, with no two nodes of a column overlapping', () => {
    const data = generateGraph(1_000);
    const input = inputOf(data.nodes.map((n) => n.uniqueId), data.edges);
    const { positions, width, height } = layeredLayout(input);
    expect(Object.keys(positions)).toHaveLength(1_000);
    for (const e of data.edges) expect((positions[e.from] as Point).x).toBeLessThan((positions[e.to] as Point).x);
    expect(overlaps(input, positions, 16)).toEqual([]);
    expect(width).toBeGreaterThan(0);
    expect(Math.min(...Object.values(positions).map((p) => p.y))).toBe(0);
    expect(height).toBe(Math.max(...Object.values(positions).map((p) => p.y + box.height)));
  });

  it('orders layers to remove crossings a naive order would have', () => {
    // By name, a1 over a2 and b1 over b2; the edges a1→b2 and a2→b1 cross unless a layer is reordered.
    const edges = [{ from: 'a1', to: 'b2' }, { from: 'a2', to: 'b1' }, { from: 'b1', to: 'c1' }, { from: 'b2', to: 'c2' }];
    const { positions } = layeredLayout(inputOf(['a1', 'a2', 'b1', 'b2', 'c1', 'c2'], edges));
    expect(crossings(positions, edges)).toBe(0);
  });

  it('pulls a source right to just before its first consumer', () => {
    const edges = [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'c', to: 'd' }, { from: 'src', to: 'd' }];
    const { positions } = layeredLayout(inputOf(['a', 'b', 'c', 'd', 'src'], edges));
    expect(positions.src?.x).toBe(positions.c?.x);
  });

  it('lays out cycles (possible between collapsed groups) and lone nodes', () => {
    const edges = [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'c', to: 'a' }];
    const { positions } = layeredLayout(inputOf(['a', 'b', 'c', 'lone'], edges));
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'c', 'lone']);
    expect(new Set(['a', 'b', 'c'].map((id) => positions[id]?.x)).size).toBe(3);
  });

  it('has fewer crossings than the input order on a generated dbt-like graph', () => {
    const data = generateGraph(400);
    const input = inputOf(data.nodes.map((n) => n.uniqueId), data.edges);
    const laid = layeredLayout(input);
    const unswept = layeredLayout(input, { layerGap: 60, nodeGap: 16, sweeps: 0, placements: 0 });
    expect(crossings(laid.positions, data.edges)).toBeLessThan(crossings(unswept.positions, data.edges) * 0.6);
  });
});

describe('isotonicWithGaps', () => {
  it('keeps order and spacing, as close to the targets as it can', () => {
    expect(isotonicWithGaps([0, 0], [1, 1], [10, 10], 0)).toEqual([-5, 5]);
    expect(isotonicWithGaps([0, 100], [1, 1], [10, 10], 4)).toEqual([0, 100]);
    // A heavy node moves less than a light one.
    const [a, b] = isotonicWithGaps([0, 0], [3, 1], [10, 10], 0);
    expect(b).toBeCloseTo((a ?? 0) + 10);
    expect(Math.abs(a ?? 0)).toBeLessThan(Math.abs(b ?? 0));
  });
});

describe('layoutGraph engine choice', () => {
  it('uses elkjs up to LARGE_GRAPH_NODES and the layered layout above, deterministically', async () => {
    expect(engineFor(LARGE_GRAPH_NODES)).toBe('elk');
    expect(engineFor(LARGE_GRAPH_NODES + 1)).toBe('layered');
    const data = generateGraph(LARGE_GRAPH_NODES + 50);
    const input = inputOf(data.nodes.map((n) => n.uniqueId), data.edges);
    const reversed: LayoutInput = { nodes: [...input.nodes].reverse(), edges: [...input.edges].reverse() };
    const [one, two] = await Promise.all([layoutGraph(input), layoutGraph(reversed)]);
    expect(one.engine).toBe('layered');
    expect(two.positions).toEqual(one.positions);
  });
});
