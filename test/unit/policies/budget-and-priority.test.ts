import { buildPlan } from '../../../policies/engine';
import { createPolicyRegistry } from '../../../policies/registry';
import { limitCostBudget, prioritizeExposures } from '../../../policies/builtins';
import type { ExecutionPlan } from '../../../domain/plan/types';
import { chain, requestFor, type RequestOptions } from '../plan/build';

// Default estimate 60 s at 36/h: every node costs 0.6.
const project = chain(
  [
    'model.p.a',
    'model.p.b <- model.p.a',
    'model.p.c <- model.p.b',
    'model.p.x',
    'model.p.y <- model.p.x',
    'model.p.z',
    'exposure.p.board <- model.p.b',
  ],
  { 'model.p.z': { tags: ['critical'] } },
);
const registry = () => createPolicyRegistry([prioritizeExposures(), limitCostBudget()]);
const plan = (options: RequestOptions = {}): ExecutionPlan => buildPlan(requestFor(project, options), registry());
const action = (p: ExecutionPlan, id: string) => p.nodes.find((n) => n.uniqueId === id)?.action;

describe('prioritize_exposures', () => {
  it('raises nodes upstream of exposures and critical nodes; others stay at 0', () => {
    const p = plan();
    expect(Object.fromEntries(p.nodes.map((n) => [n.uniqueId, n.priority]))).toEqual({
      'model.p.a': 100, 'model.p.b': 100, 'model.p.c': 0, 'model.p.x': 0, 'model.p.y': 0, 'model.p.z': 100,
    });
    const a = p.nodes.find((n) => n.uniqueId === 'model.p.a');
    expect(a?.reasons.map((r) => r.text)).toContain('priority 100: upstream of exposure exposure.p.board');
    expect(p.nodes.find((n) => n.uniqueId === 'model.p.z')?.reasons.map((r) => r.text)).toContain('priority 100: tagged critical');
  });
});

describe('limit_cost_budget', () => {
  it('within budget: no change, the arithmetic is stated', () => {
    const p = plan({ env: { budget: 10, budgetMode: 'drop' } });
    expect(p.totals.nodes.SKIP).toBe(0);
    expect(p.decisions.map((d) => d.text)).toContain('Estimated cost 3.6 (6 running node(s) at 36/h) is within the budget of 10.');
  });

  it('approve mode: requires an approval by the approver role, showing the arithmetic', () => {
    const p = plan({ env: { budget: 2, budgetMode: 'approve', approverRole: 'finops' } });
    expect(p.totals.nodes.SKIP).toBe(0);
    expect(p.approvals.required).toBe(true);
    expect(p.approvals.rules).toEqual([
      { role: 'finops', count: 1, policyId: 'limit_cost_budget', reason: 'estimated cost 3.6 (6 running node(s) at 36/h) exceeds the budget of 2 by 1.6' },
    ]);
  });

  it('drop mode: drops the lowest-priority nodes, leaves first, down to the budget and no further', () => {
    const p = plan({ env: { budget: 2, budgetMode: 'drop' } });
    // 3.6 over 2: three nodes of 0.6 go; c, y and x are the priority-0 ones (leaves before upstream).
    expect(['a', 'b', 'c', 'x', 'y', 'z'].map((n) => action(p, `model.p.${n}`))).toEqual(['RUN', 'RUN', 'SKIP', 'SKIP', 'SKIP', 'RUN']);
    expect(p.totals.estimatedCost).toBe(1.8);
    expect(p.approvals.required).toBe(false);
    const c = p.nodes.find((n) => n.uniqueId === 'model.p.c');
    // A short text; the evidence carries the arithmetic (cost = 60 s × 36/h ÷ 3600).
    const drop = c?.reasons.find((r) => r.outcome === 'applied');
    expect(drop?.text).toBe('dropped by the budget');
    expect(drop?.evidence).toEqual({ budget: 2, cost: 0.6, effectivePriority: 0, planCost: 3.6, planCostAfterDrops: 1.8 });
    expect(p.decisions.map((d) => d.text).join('\n')).toContain('dropped 3 node(s) worth 1.8, lowest priority first: 3.6 - 1.8 = 1.8');
  });

  it('a budget beats priorities: when low-priority nodes are not enough, prioritized ones go too, downstream first', () => {
    const p = plan({ env: { budget: 0.6, budgetMode: 'drop' } });
    expect(p.nodes.filter((n) => n.action === 'RUN').map((n) => n.uniqueId)).toEqual(['model.p.a']);
    for (const n of p.nodes) {
      if (n.action === 'RUN') for (const u of n.upstream) expect(action(p, u)).toBe('RUN');
    }
  });

  it('never drops a node the user named, nor what it needs; asks for an approval when still over', () => {
    const p = plan({ env: { budget: 0.6, budgetMode: 'drop' }, named: ['model.p.c', 'model.p.y'] });
    expect(['a', 'b', 'c', 'x', 'y'].map((n) => action(p, `model.p.${n}`))).toEqual(['RUN', 'RUN', 'RUN', 'RUN', 'RUN']);
    expect(action(p, 'model.p.z')).toBe('SKIP');
    expect(p.approvals.rules.map((r) => r.reason)).toEqual([
      'still 3 after dropping every node the budget may drop (budget 0.6; nodes named by the user are never dropped)',
    ]);
  });
});
