/**
 * Which running nodes a budget drops: the lowest effective priority first (a node's effective
 * priority is the highest among itself and the running nodes downstream of it, so dropping it
 * never drops something more important), leaves before their upstream, until the plan fits.
 * Drops are closed downstream (a dropped node's running descendants are dropped with it), so no
 * dependency breaks. A second pass puts back, most important first, every dropped node whose
 * upstream still runs and that fits in the budget again: nothing is dropped that is not needed.
 */
import { roundTo } from '../../domain/plan/estimate';

export interface DropInput {
  /** Plan node ids in topological order. */
  readonly order: readonly string[];
  readonly upstream: ReadonlyMap<string, readonly string[]>;
  readonly downstream: ReadonlyMap<string, readonly string[]>;
  readonly running: ReadonlySet<string>;
  readonly cost: ReadonlyMap<string, number>;
  readonly priority: (id: string) => number;
  /** Nodes the budget may not drop (named by the user). */
  readonly protectedIds: ReadonlySet<string>;
  readonly budget: number;
}

export interface DropResult {
  /** Dropped ids in the order they were dropped (restored ones removed). */
  readonly dropped: readonly string[];
  readonly before: number;
  readonly after: number;
  readonly effectivePriority: ReadonlyMap<string, number>;
}

export function chooseBudgetDrops(input: DropInput): DropResult {
  const { order, running, cost, budget } = input;
  const index = new Map<string, number>();
  order.forEach((id, i) => index.set(id, i));
  const eff = new Map<string, number>();
  const locked = new Set<string>();
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i] as string;
    if (!running.has(id)) continue;
    let p = input.priority(id);
    let lock = input.protectedIds.has(id);
    for (const c of input.downstream.get(id) ?? []) {
      if (!running.has(c)) continue;
      p = Math.max(p, eff.get(c) ?? 0);
      lock ||= locked.has(c);
    }
    eff.set(id, p);
    if (lock) locked.add(id);
  }

  let total = 0;
  for (const id of order) if (running.has(id)) total += cost.get(id) ?? 0;
  const before = roundTo(total, 6);
  let current = before;
  const dropped = new Set<string>();
  const dropOrder: string[] = [];

  const candidates = order.filter((id) => running.has(id) && !locked.has(id));
  candidates.sort((a, b) => {
    const pa = eff.get(a) ?? 0;
    const pb = eff.get(b) ?? 0;
    if (pa !== pb) return pa - pb;
    return (index.get(b) ?? 0) - (index.get(a) ?? 0);
  });
  for (const c of candidates) {
    if (current <= budget) break;
    if (dropped.has(c)) continue;
    const stack = [c];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (dropped.has(id) || !running.has(id)) continue;
      dropped.add(id);
      dropOrder.push(id);
      current = roundTo(current - (cost.get(id) ?? 0), 6);
      stack.push(...(input.downstream.get(id) ?? []));
    }
  }

  // Put back what fits, most important first, upstream before downstream.
  const back = [...dropOrder].sort((a, b) => {
    const pa = eff.get(a) ?? 0;
    const pb = eff.get(b) ?? 0;
    if (pa !== pb) return pb - pa;
    return (index.get(a) ?? 0) - (index.get(b) ?? 0);
  });
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of back) {
      if (!dropped.has(id)) continue;
      const ready = (input.upstream.get(id) ?? []).every((u) => !running.has(u) || !dropped.has(u));
      const next = roundTo(current + (cost.get(id) ?? 0), 6);
      if (ready && next <= budget) {
        dropped.delete(id);
        current = next;
        changed = true;
      }
    }
  }
  return { dropped: dropOrder.filter((id) => dropped.has(id)), before, after: current, effectivePriority: eff };
}
