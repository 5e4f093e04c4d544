/** Plan totals: node counts per action, estimated time and cost, makespan at the concurrency. */
import type { PlanDag } from './dag';
import { roundTo } from './estimate';
import { estimateMakespan } from './makespan';
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
  const counts: Record<PlanAction, number> = { RUN: 0, SKIP: 0, PARTIAL: 0 };
  let seconds = 0;
  let skipped = 0;
  let cost = 0;
  const busy = new Map<string, number>();
  for (const id of input.dag.order) {
    const action = input.actions.get(id) ?? 'SKIP';
    const estimate = input.estimates.get(id);
    counts[action]++;
    const s = estimate?.seconds ?? 0;
    if (runsWork(action)) {
      seconds += s;
      cost += estimate?.cost ?? 0;
      busy.set(id, s);
    } else {
      skipped += s;
      busy.set(id, 0);
    }
  }
  return {
    nodes: { ...counts, total: input.dag.order.length },
    estimatedSeconds: roundTo(seconds, 3),
    makespanSeconds: estimateMakespan({ dag: input.dag, seconds: busy, priority: input.priorities, concurrency: input.concurrency }),
    concurrency: input.concurrency,
    estimatedCost: roundTo(cost, 6),
    skippedSeconds: roundTo(skipped, 3),
    budget: input.budget,
  };
}
