/**
 * Which running nodes a budget drops: the lowest effective priority first (a node's effective
 * priority is the highest among itself and the running nodes downstream of it, so dropping it
 * never drops something more important), leaves before their upstream, until the plan fits.
 * Drops are closed downstream (a dropped node's running descendants are dropped with it), so no
 * dependency breaks. A second pass puts back, most important first, every dropped node whose
 * upstream still runs and that fits in the budget again: nothing is dropped that is not needed.
 *
 * Everything is by position in DAG order (typed arrays). The put-back pass is a single sweep: an
 * upstream always comes before its downstream in it (its effective priority is at least as high,
 * and it is earlier in DAG order), and the running cost only grows, so a node that is not put
 * back when the sweep reaches it never could be later.
 */
import { roundTo } from '../../domain/plan/estimate';
import type { IndexedDag } from '../../domain/plan/dag';

export interface DropInput {
  readonly dag: IndexedDag;
  /** 1 for nodes that run, by position. */
  readonly running: Uint8Array;
  readonly cost: Float64Array;
  readonly priority: Float64Array;
  /** 1 for nodes the budget may not drop (named by the user). */
  readonly protectedNodes: Uint8Array;
  readonly budget: number;
}

export interface DropResult {
  /** Positions of the dropped nodes in the order they were dropped (restored ones removed). */
  readonly dropped: readonly number[];
  readonly before: number;
  readonly after: number;
  /** Effective priority by position (meaningful for running nodes). */
  readonly effectivePriority: Float64Array;
}

export function chooseBudgetDrops(input: DropInput): DropResult {
  const { dag, running, cost, budget } = input;
  const n = dag.order.length;
  const eff = new Float64Array(n);
  const locked = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if (running[i] === 0) continue;
    let p = input.priority[i] as number;
    let lock = input.protectedNodes[i] === 1;
    for (const c of dag.down[i] as readonly number[]) {
      if (running[c] === 0) continue;
      p = Math.max(p, eff[c] as number);
      lock ||= locked[c] === 1;
    }
    eff[i] = p;
    if (lock) locked[i] = 1;
  }

  let total = 0;
  for (let i = 0; i < n; i++) if (running[i] === 1) total += cost[i] as number;
  const before = roundTo(total, 6);
  let current = before;
  const dropped = new Uint8Array(n);
  const dropOrder: number[] = [];

  const candidates: number[] = [];
  for (let i = 0; i < n; i++) if (running[i] === 1 && locked[i] === 0) candidates.push(i);
  candidates.sort((a, b) => (eff[a] as number) - (eff[b] as number) || b - a);
  const stack: number[] = [];
  for (const c of candidates) {
    if (current <= budget) break;
    if (dropped[c] === 1) continue;
    stack.push(c);
    while (stack.length > 0) {
      const i = stack.pop() as number;
      if (dropped[i] === 1 || running[i] === 0) continue;
      dropped[i] = 1;
      dropOrder.push(i);
      current = roundTo(current - (cost[i] as number), 6);
      for (const c2 of dag.down[i] as readonly number[]) stack.push(c2);
    }
  }

  // Put back what fits, most important first, upstream before downstream.
  const back = [...dropOrder].sort((a, b) => (eff[b] as number) - (eff[a] as number) || a - b);
  for (const i of back) {
    let ready = true;
    for (const u of dag.up[i] as readonly number[]) {
      if (running[u] === 1 && dropped[u] === 1) {
        ready = false;
        break;
      }
    }
    const next = roundTo(current + (cost[i] as number), 6);
    if (ready && next <= budget) {
      dropped[i] = 0;
      current = next;
    }
  }
  return { dropped: dropOrder.filter((i) => dropped[i] === 1), before, after: current, effectivePriority: eff };
}
