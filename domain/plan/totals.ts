/** Plan totals: node counts per action, estimated time and cost, makespan at the concurrency. */
import { indexDag, type PlanDag } from './dag';
import { roundTo } from './estimate';
import { makespanByPosition } from './makespan';
import type { Estimate, PlanAction, PlanTotals } from './types';

export interface TotalsInput {
  readonly dag: PlanDag;
  readonly actions: ReadonlyMap<string, PlanAction>;
  readonly estimates: ReadonlyMap<string, Estimate>;
  readonly priorities: ReadonlyMap<string, number>;
  readonly concurrency: number;
  readonly budget: number | null;
}

export const runsWork = (action: PlanAction): boolean => {
  switch (action) {
    case 'RUN':
    case 'PARTIAL':
      return true;
    case 'SKIP':
      return false;
    default: {
      const unreachable: never = action;
      throw new Error(`unreachable action ${String(unreachable)}`);
    }
  }
};

/** Sum of the estimated cost of the nodes that run, in DAG order (a fixed order keeps float sums stable). */
export function runningCost(order: readonly string[], runs: (id: string) => boolean, estimates: ReadonlyMap<string, Estimate>): number {
  let cost = 0;
  for (const id of order) if (runs(id)) cost += estimates.get(id)?.cost ?? 0;
  return roundTo(cost, 6);
}

export function computeTotals(input: TotalsInput): PlanTotals {
  const { order } = input.dag;
  return computeTotalsByPosition({
    dag: input.dag,
    action: (i) => input.actions.get(order[i] as string) ?? 'SKIP',
    estimate: (i) => input.estimates.get(order[i] as string),
    priority: (i) => input.priorities.get(order[i] as string) ?? 0,
    concurrency: input.concurrency,
    budget: input.budget,
  });
}

/** Totals from per-position accessors (position in `dag.order`): what the engine uses. */
export interface PositionTotalsInput {
  readonly dag: PlanDag;
  action(i: number): PlanAction;
  estimate(i: number): Estimate | undefined;
  priority(i: number): number;
  readonly concurrency: number;
  readonly budget: number | null;
}

export function computeTotalsByPosition(input: PositionTotalsInput): PlanTotals {
  const counts: Record<PlanAction, number> = { RUN: 0, SKIP: 0, PARTIAL: 0 };
  const n = input.dag.order.length;
  let seconds = 0;
  let skipped = 0;
  let cost = 0;
  const busy = new Float64Array(n);
  const priority = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const action = input.action(i);
    const estimate = input.estimate(i);
    counts[action]++;
    const s = estimate?.seconds ?? 0;
    if (runsWork(action)) {
      seconds += s;
      cost += estimate?.cost ?? 0;
      busy[i] = s;
    } else {
      skipped += s;
    }
    priority[i] = input.priority(i);
  }
  // Keys in canonical (sorted) order.
  return {
    budget: input.budget,
    concurrency: input.concurrency,
    estimatedCost: roundTo(cost, 6),
    estimatedSeconds: roundTo(seconds, 3),
    makespanSeconds: makespanByPosition(indexDag(input.dag), busy, priority, input.concurrency),
    nodes: { PARTIAL: counts.PARTIAL, RUN: counts.RUN, SKIP: counts.SKIP, total: n },
    skippedSeconds: roundTo(skipped, 3),
  };
}
