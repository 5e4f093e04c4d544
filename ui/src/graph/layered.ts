import type { LayoutInput, Point } from './types';

/**
 * A layered (Sugiyama-style) layout tuned for big dbt graphs, left to right like elkjs's layered
 * algorithm, used above the size where elkjs cannot minimise crossings in time (see layout.ts and
 * docs/adr/0007). Pure and deterministic: the same canonical input gives the same positions.
 *
 * 1. Cycles (possible between collapsed groups) are broken by reversing DFS back edges.
 * 2. Layers by longest path from the roots; a root is then pulled right to just before its first
 *    consumer, so a source used only by deep models does not stretch edges across the canvas.
 * 3. Order within layers by barycenter sweeps over every neighbour (long edges included, by
 *    normalised rank, instead of dummy nodes: linear in edges per sweep).
 * 4. Vertical places by isotonic regression per layer (pool adjacent violators): each node as close
 *    as the order and spacing allow to the mean of its neighbours, so small layers sit beside the
 *    part of a big layer they connect to instead of at the top.
 */

export interface LayeredOptions {
  readonly layerGap: number;
  readonly nodeGap: number;
  /** Down-and-up barycenter sweeps. */
  readonly sweeps: number;
  /** Forward-and-backward placement passes. */
  readonly placements: number;
}

export const LAYERED_DEFAULTS: LayeredOptions = { layerGap: 60, nodeGap: 16, sweeps: 6, placements: 3 };

export interface LayeredResult {
  readonly positions: Record<string, Point>;
  readonly width: number;
  readonly height: number;
}

interface Adjacency {
  readonly preds: readonly number[][];
  readonly succs: readonly number[][];
}

/** Lays out a canonical input (nodes sorted by id, edges de-duplicated and naming known nodes). */
export function layeredLayout(input: LayoutInput, options: LayeredOptions = LAYERED_DEFAULTS): LayeredResult {
  const n = input.nodes.length;
  if (n === 0) return { positions: {}, width: 0, height: 0 };
  const index = new Map(input.nodes.map((node, i) => [node.id, i]));
  const pairs: Array<[number, number]> = [];
  for (const e of input.edges) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from !== undefined && to !== undefined && from !== to) pairs.push([from, to]);
  }
  const dag = acyclic(n, pairs);
  const layer = assignLayers(n, dag);
  const layers = orderLayers(n, dag, layer, options.sweeps);
  const heights = input.nodes.map((node) => node.height);
  const ys = placeVertically(dag, layers, heights, options);

  const positions: Record<string, Point> = {};
  let x = 0;
  let height = 0;
  for (const members of layers) {
    let widest = 0;
    for (const v of members) {
      const node = input.nodes[v];
      if (!node) continue;
      positions[node.id] = { x, y: ys[v] ?? 0 };
      widest = Math.max(widest, node.width);
      height = Math.max(height, (ys[v] ?? 0) + node.height);
    }
    x += widest + options.layerGap;
  }
  return { positions, width: Math.max(0, x - options.layerGap), height };
}

/** The edges as adjacency lists with DFS back edges reversed, so every edge points to a later layer. */
function acyclic(n: number, pairs: ReadonlyArray<readonly [number, number]>): Adjacency {
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const [from, to] of pairs) out[from]?.push(to);
  for (const list of out) list.sort((a, b) => a - b);
  // 0 = unseen, 1 = on the DFS stack, 2 = done. Iterative: dbt lineage can be thousands deep.
  const state = new Uint8Array(n);
  const preds: number[][] = Array.from({ length: n }, () => []);
  const succs: number[][] = Array.from({ length: n }, () => []);
  const link = (from: number, to: number): void => {
    succs[from]?.push(to);
    preds[to]?.push(from);
  };
  const stack: Array<[number, number]> = [];
  for (let root = 0; root < n; root++) {
    if (state[root] !== 0) continue;
    state[root] = 1;
    stack.push([root, 0]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [number, number];
      const [v, next] = top;
      const targets = out[v] ?? [];
      if (next >= targets.length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      top[1] = next + 1;
      const w = targets[next] as number;
      if (state[w] === 1) {
        link(w, v);
      } else {
        link(v, w);
        if (state[w] === 0) {
          state[w] = 1;
          stack.push([w, 0]);
        }
      }
    }
  }
  return { preds, succs };
}

function assignLayers(n: number, { preds, succs }: Adjacency): Int32Array {
  const layer = new Int32Array(n);
  const indegree = new Int32Array(n);
  for (let v = 0; v < n; v++) indegree[v] = preds[v]?.length ?? 0;
  const order: number[] = [];
  for (let v = 0; v < n; v++) if (indegree[v] === 0) order.push(v);
  for (let i = 0; i < order.length; i++) {
    const v = order[i] as number;
    for (const w of succs[v] ?? []) {
      layer[w] = Math.max(layer[w] ?? 0, (layer[v] ?? 0) + 1);
      indegree[w] = (indegree[w] ?? 0) - 1;
      if (indegree[w] === 0) order.push(w);
    }
  }
  for (let v = 0; v < n; v++) {
    const consumers = succs[v] ?? [];
    if ((preds[v]?.length ?? 0) > 0 || consumers.length === 0) continue;
    let first = Infinity;
    for (const w of consumers) first = Math.min(first, layer[w] ?? 0);
    layer[v] = first - 1;
  }
  return layer;
}

/** Node indices per layer, ordered to reduce crossings. */
function orderLayers(n: number, { preds, succs }: Adjacency, layer: Int32Array, sweeps: number): number[][] {
  let count = 0;
  for (let v = 0; v < n; v++) count = Math.max(count, (layer[v] ?? 0) + 1);
  const layers: number[][] = Array.from({ length: count }, () => []);
  for (let v = 0; v < n; v++) layers[layer[v] ?? 0]?.push(v);
  // Pulling roots right can empty a layer; an empty column would only widen the picture.
  const filled = layers.filter((members) => members.length > 0);
  // Normalised rank in [0, 1] within the node's layer: comparable across layers of any size.
  const rank = new Float64Array(n);
  const rerank = (members: readonly number[]): void => {
    const span = Math.max(1, members.length - 1);
    members.forEach((v, i) => (rank[v] = i / span));
  };
  filled.forEach(rerank);
  const key = new Float64Array(n);
  const sortBy = (members: number[], neighbours: readonly number[][]): void => {
    for (const v of members) {
      const list = neighbours[v] ?? [];
      let sum = 0;
      for (const w of list) sum += rank[w] ?? 0;
      key[v] = list.length > 0 ? sum / list.length : (rank[v] ?? 0);
    }
    // Ties keep the current order (Array.prototype.sort is stable), so sweeps converge.
    members.sort((a, b) => (key[a] ?? 0) - (key[b] ?? 0));
    rerank(members);
  };
  for (let s = 0; s < sweeps; s++) {
    for (let l = 1; l < filled.length; l++) sortBy(filled[l] as number[], preds);
    for (let l = filled.length - 2; l >= 0; l--) sortBy(filled[l] as number[], succs);
  }
  return filled;
}

/** Top y of each node: packed and centred first, then pulled towards its neighbours, layer by layer. */
function placeVertically({ preds, succs }: Adjacency, layers: readonly number[][], heights: readonly number[], options: LayeredOptions): Float64Array {
  const y = new Float64Array(heights.length);
  const extent = (members: readonly number[]): number => members.reduce((s, v) => s + (heights[v] ?? 0), 0) + Math.max(0, members.length - 1) * options.nodeGap;
  const tallest = Math.max(...layers.map(extent));
  for (const members of layers) {
    let at = (tallest - extent(members)) / 2;
    for (const v of members) {
      y[v] = at;
      at += (heights[v] ?? 0) + options.nodeGap;
    }
  }
  const centre = (v: number): number => (y[v] ?? 0) + (heights[v] ?? 0) / 2;
  const place = (members: readonly number[], sides: ReadonlyArray<readonly number[][]>): void => {
    const targets: number[] = [];
    const weights: number[] = [];
    for (const v of members) {
      let sum = 0;
      let count = 0;
      for (const side of sides) {
        for (const w of side[v] ?? []) {
          sum += centre(w);
          count++;
        }
      }
      // A node without neighbours on these sides barely resists being pushed by the others.
      targets.push(count > 0 ? sum / count - (heights[v] ?? 0) / 2 : (y[v] ?? 0));
      weights.push(count > 0 ? count : 1e-3);
    }
    const placed = isotonicWithGaps(targets, weights, members.map((v) => heights[v] ?? 0), options.nodeGap);
    members.forEach((v, i) => (y[v] = placed[i] ?? 0));
  };
  for (let p = 0; p < options.placements; p++) {
    for (let l = 1; l < layers.length; l++) place(layers[l] as number[], [preds]);
    for (let l = layers.length - 2; l >= 0; l--) place(layers[l] as number[], [succs]);
  }
  for (let l = 0; l < layers.length; l++) place(layers[l] as number[], [preds, succs]);
  let top = Infinity;
  for (const v of y) top = Math.min(top, v);
  for (let v = 0; v < y.length; v++) y[v] = Math.round((y[v] ?? 0) - top);
  return y;
}

/**
 * Positions closest (weighted least squares) to `targets` such that each item starts at least its
 * predecessor's height plus `gap` below it: pool adjacent violators on targets shifted by the
 * cumulative extent, which turns the spacing constraint into plain monotonicity. Linear time.
 */
export function isotonicWithGaps(targets: readonly number[], weights: readonly number[], heights: readonly number[], gap: number): number[] {
  const offsets: number[] = [];
  let offset = 0;
  for (let i = 0; i < targets.length; i++) {
    offsets.push(offset);
    offset += (heights[i] ?? 0) + gap;
  }
  const means: number[] = [];
  const masses: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < targets.length; i++) {
    let mean = (targets[i] ?? 0) - (offsets[i] ?? 0);
    let mass = weights[i] ?? 1;
    let size = 1;
    while (means.length > 0 && (means[means.length - 1] ?? 0) > mean) {
      const m = means.pop() ?? 0;
      const w = masses.pop() ?? 0;
      mean = (m * w + mean * mass) / (w + mass);
      mass += w;
      size += sizes.pop() ?? 0;
    }
    means.push(mean);
    masses.push(mass);
    sizes.push(size);
  }
  const out: number[] = [];
  means.forEach((mean, b) => {
    for (let k = 0; k < (sizes[b] ?? 0); k++) out.push(mean + (offsets[out.length] ?? 0));
  });
  return out;
}
