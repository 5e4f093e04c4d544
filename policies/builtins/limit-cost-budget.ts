/**
 * limit_cost_budget: when the plan's estimated cost exceeds the environment's budget, either
 * require an approval (budgetMode `approve`) or drop the lowest-priority nodes down to the budget
 * without breaking dependencies (budgetMode `drop`). The plan-level note shows the arithmetic;
 * each dropped node's evidence carries its cost, effective priority and the plan cost before and
 * after the drops.
 */
import { roundTo } from '../../domain/plan/estimate';
import { indexDag } from '../../domain/plan/dag';
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
      const dag = indexDag(ctx.dag);
      const n = dag.order.length;
      const running = new Uint8Array(n);
      const cost = new Float64Array(n);
      let runningCount = 0;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        if (ctx.draft.actionAt(i) === 'SKIP') continue;
        running[i] = 1;
        runningCount++;
        cost[i] = ctx.estimateAt(i).cost;
        // Summed in DAG order, as runningCost does (a fixed order keeps float sums stable).
        sum += cost[i] as number;
      }
      const total = roundTo(sum, 6);
      const rate = `${runningCount} running node(s) at ${env.costRatePerHour}/h`;
      if (total <= budget) {
        return [{ type: 'note', policyId: LIMIT_COST_BUDGET_ID, nodeId: null, reason: `Estimated cost ${money(total)} (${rate}) is within the budget of ${money(budget)}.`, evidence: { budget, cost: total } }];
      }
      const over = `estimated cost ${money(total)} (${rate}) exceeds the budget of ${money(budget)} by ${money(total - budget)}`;
      const role = options.approverRole ?? env.approverRole;
      if (env.budgetMode === 'approve') {
        return [
          { type: 'approval', policyId: LIMIT_COST_BUDGET_ID, role, count: 1, reason: over, evidence: { budget, cost: total } },
          { type: 'note', policyId: LIMIT_COST_BUDGET_ID, nodeId: null, reason: `Budget: ${over}; an approval by ${role} is required.`, evidence: { budget, cost: total } },
        ];
      }
      const priority = new Float64Array(n);
      const protectedNodes = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        if (running[i] === 0) continue;
        priority[i] = ctx.draft.priorityAt(i);
        if (ctx.named.size > 0 && ctx.named.has(dag.order[i] as string)) protectedNodes[i] = 1;
      }
      const result = chooseBudgetDrops({ dag, running, cost, priority, protectedNodes, budget });
      const droppedCost = roundTo(result.before - result.after, 6);
      const out: Decision[] = [];
      const summary = `${over}; dropped ${result.dropped.length} node(s) worth ${money(droppedCost)}, lowest priority first: ${money(result.before)} - ${money(droppedCost)} = ${money(result.after)}`;
      // ASCII only in built-in texts: a plan whose JSON is all one-byte characters hashes faster.
      for (const i of result.dropped) {
        const id = dag.order[i] as string;
        const c = cost[i] as number;
        const p = result.effectivePriority[i] as number;
        out.push({
          type: 'action',
          policyId: LIMIT_COST_BUDGET_ID,
          nodeId: id,
          action: 'SKIP',
          class: 'budget',
          // The arithmetic is in the evidence and in the plan-level note: a short text keeps a
          // plan that drops thousands of nodes small (the plan is hashed and stored whole).
          reason: 'dropped by the budget',
          evidence: { budget, cost: c, effectivePriority: p, planCost: result.before, planCostAfterDrops: result.after },
        });
      }
      out.push({ type: 'note', policyId: LIMIT_COST_BUDGET_ID, nodeId: null, reason: `Budget: ${summary}.`, evidence: { after: result.after, budget, cost: result.before, dropped: result.dropped.length } });
      if (result.after > budget) {
        out.push({
          type: 'approval',
          policyId: LIMIT_COST_BUDGET_ID,
          role,
          count: 1,
          reason: `still ${money(result.after)} after dropping every node the budget may drop (budget ${money(budget)}; nodes named by the user are never dropped)`,
          evidence: { budget, cost: result.after },
        });
      }
      return out;
    },
  };
}
