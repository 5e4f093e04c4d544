import { canonicalJson, verifyPlanHash } from '../../../domain/plan/canonical';
import { buildPlan } from '../../../policies/engine';
import { createDefaultRegistry } from '../../../policies/builtins';
import { createPolicyRegistry } from '../../../policies/registry';
import { chain, requestFor, succeeded } from '../plan/build';

const project = chain([
  'seed.p.raw_orders',
  'model.p.stg_orders <- seed.p.raw_orders',
  'model.p.orders <- model.p.stg_orders',
  'test.p.orders_positive <- model.p.orders',
  'exposure.p.dashboard <- model.p.orders',
]);

describe('buildPlan (engine)', () => {
  it('runs every selected executable node by default and leaves out what dbt does not execute', () => {
    const plan = buildPlan(requestFor(project, { selected: [...project.nodes.keys(), 'model.p.ghost'] }), createPolicyRegistry());
    expect(plan.nodes.map((n) => [n.uniqueId, n.action, n.command])).toEqual([
      ['seed.p.raw_orders', 'RUN', 'seed'],
      ['model.p.stg_orders', 'RUN', 'run'],
      ['model.p.orders', 'RUN', 'run'],
      ['test.p.orders_positive', 'RUN', 'test'],
    ]);
    expect(plan.selection.ignored).toEqual(['exposure.p.dashboard', 'model.p.ghost']);
    expect(plan.nodes[2]?.upstream).toEqual(['model.p.stg_orders']);
    expect(plan.totals.nodes).toEqual({ RUN: 4, SKIP: 0, PARTIAL: 0, total: 4 });
    expect(plan.approvals.required).toBe(false);
  });

  it('gives a byte-identical plan and hash for the same inputs, and a verifiable hash', () => {
    const history = { nodeRuns: succeeded(project, ['seed.p.raw_orders', 'model.p.stg_orders'], '2026-11-21T00:00:00Z') };
    const a = buildPlan(requestFor(project, { history }), createDefaultRegistry());
    const b = buildPlan(requestFor(project, { history }), createDefaultRegistry());
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyPlanHash(a)).toBe(true);
    expect(verifyPlanHash({ ...a, id: 'plan-2' })).toBe(false);
  });
});
