/**
 * limit_cost_budget: when the plan's estimated cost exceeds the environment's budget, either
 * require an approval (budgetMode `approve`) or drop the lowest-priority nodes down to the budget
 * without breaking dependencies (budgetMode `drop`). Every reason shows the arithmetic.
 */
import { roundTo } from '../../domain/plan/estimate';
import { runningCost } from '../../domain/plan/totals';
import type { Decision, Policy } from '../types';
import { chooseBudgetDrops } from './budget-drop';

export const LIMIT_COST_BUDGET_ID = 'limit_cost_budget';

export interface LimitCostBudgetOptions {
  /** Role that approves an over-budget plan; the environment's approver role when absent. */
  readonly approverRole?: string;
}

const money = (n: number): string => String(roundTo(n, 4));

export function limitCostBudget(options: LimitCostBudgetOptions = {}): Policy {
  return {
    id: LIMIT_COST_BUDGET_ID,
    stage: 'budget',
    description: 'Keep a plan within the environment budget: require an approval, or drop the lowest-priority nodes.',
    evaluate(ctx) {
      const env = ctx.environment;
      const budget = env.budget;
      if (budget === null) return [];
      const running = new Set(ctx.dag.order.filter((id) => ctx.draft.action(id) !== 'SKIP'));
      const total = runningCost(ctx.dag.order, (id) => running.has(id), ctx.estimates);
      const rate = `${running.size} running node(s) at ${env.costRatePerHour}/h`;
      if (total <= budget) {
        return [{ type: 'note', policyId: LIMIT_COST_BUDGET_ID, nodeId: null, reason: `Estimated cost ${money(total)} (${rate}) is within the budget of ${money(budget)}.`, evidence: { cost: total, budget } }];
      }
      const over = `estimated cost ${money(total)} (${rate}) exceeds the budget of ${money(budget)} by ${money(total - budget)}`;
      const role = options.approverRole ?? env.approverRole;
      if (env.budgetMode === 'approve') {
        return [
          { type: 'approval', policyId: LIMIT_COST_BUDGET_ID, role, count: 1, reason: over, evidence: { cost: total, budget } },
          { type: 'note', policyId: LIMIT_COST_BUDGET_ID, nodeId: null, reason: `Budget: ${over}; an approval by ${role} is required.`, evidence: { cost: total, budget } },
        ];
      }
      const cost = new Map<string, number>();
      for (const id of running) cost.set(id, ctx.estimates.get(id)?.cost ?? 0);
      const result = chooseBudgetDrops({
        order: ctx.dag.order,
        upstream: ctx.dag.upstream,
        downstream: ctx.dag.downstream,
        running,
        cost,
        priority: (id) => ctx.draft.priority(id),
        protectedIds: ctx.named,
        budget,
      });
      const droppedCost = roundTo(result.before - result.after, 6);
      const out: Decision[] = [];
      const summary = `${over}; dropped ${result.dropped.length} node(s) worth ${money(droppedCost)}, lowest priority first: ${money(result.before)} − ${money(droppedCost)} = ${money(result.after)}`;
      for (const id of result.dropped) {
        const c = cost.get(id) ?? 0;
        const e = ctx.estimates.get(id);
        out.push({
          type: 'action',
          policyId: LIMIT_COST_BUDGET_ID,
          nodeId: id,
          action: 'SKIP',
          class: 'budget',
          reason: `dropped by the budget: this node costs ${money(c)} (${e?.seconds ?? 0} s × ${env.costRatePerHour}/h ÷ 3600), effective priority ${result.effectivePriority.get(id) ?? 0}; plan ${money(result.before)} > budget ${money(budget)}, after drops ${money(result.after)}`,
          evidence: { cost: c, effectivePriority: result.effectivePriority.get(id) ?? 0, planCost: result.before, budget, planCostAfterDrops: result.after },
        });
      }
      out.push({ type: 'note', policyId: LIMIT_COST_BUDGET_ID, nodeId: null, reason: `Budget: ${summary}.`, evidence: { cost: result.before, budget, dropped: result.dropped.length, after: result.after } });
      if (result.after > budget) {
        out.push({
          type: 'approval',
          policyId: LIMIT_COST_BUDGET_ID,
          role,
          count: 1,
          reason: `still ${money(result.after)} after dropping every node the budget may drop (budget ${money(budget)}; nodes named by the user are never dropped)`,
          evidence: { cost: result.after, budget },
        });
      }
      return out;
    },
  };
}
