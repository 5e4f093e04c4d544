import type { RunnableNode } from './types';

/** Downstream indices of each node, each list ascending. */
export function downstreamOf(nodes: readonly RunnableNode[]): number[][] {
  const down: number[][] = nodes.map(() => []);
  nodes.forEach((node, i) => {
    for (const p of node.up) down[p]?.push(i);
  });
  return down;
}

/**
 * Longest estimated path from each node to the end of the plan, itself included (its "tail").
 * Nodes are visited in reverse topological order computed here, so the input order does not matter.
 */
export function remainingCriticalPath(nodes: readonly RunnableNode[], down: readonly (readonly number[])[]): number[] {
  const order = topologicalOrder(nodes, down);
  const tail = new Array<number>(nodes.length).fill(0);
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k] as number;
    let best = 0;
    for (const c of down[i] ?? []) best = Math.max(best, tail[c] ?? 0);
    tail[i] = best + Math.max(0, nodes[i]?.seconds ?? 0);
  }
  return tail;
}

/** Kahn's algorithm over indices; throws on a cycle (a plan is a DAG by construction). */
export function topologicalOrder(nodes: readonly RunnableNode[], down: readonly (readonly number[])[]): number[] {
  const waiting = nodes.map((n) => n.up.length);
  const queue: number[] = [];
  waiting.forEach((w, i) => {
    if (w === 0) queue.push(i);
  });
  for (let head = 0; head < queue.length; head++) {
    for (const c of down[queue[head] as number] ?? []) {
      waiting[c] = (waiting[c] ?? 0) - 1;
      if (waiting[c] === 0) queue.push(c);
    }
  }
  if (queue.length !== nodes.length) throw new Error(`the plan has a cycle through ${nodes.length - queue.length} nodes`);
  return queue;
}

/** Depth of each node: 0 for roots, else 1 + the deepest parent. */
export function depths(nodes: readonly RunnableNode[], down: readonly (readonly number[])[]): number[] {
  const depth = new Array<number>(nodes.length).fill(0);
  for (const i of topologicalOrder(nodes, down)) {
    for (const c of down[i] ?? []) depth[c] = Math.max(depth[c] ?? 0, (depth[i] ?? 0) + 1);
  }
  return depth;
}
