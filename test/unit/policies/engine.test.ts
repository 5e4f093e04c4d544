import fc from 'fast-check';
import { canonicalJson, verifyPlanHash } from '../../../domain/plan/canonical';
import { buildPlan } from '../../../policies/engine';
import { createDefaultRegistry } from '../../../policies/builtins';
import { createPolicyRegistry } from '../../../policies/registry';
import { createResolver, resolveActions, type Resolution } from '../../../policies/resolve';
import type { ActionDecision, Usability } from '../../../policies/types';
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

describe('incremental resolution', () => {
  it('resolving after each batch of decisions equals resolving all of them at once', () => {
    const classes = ['explicit_node', 'budget', 'explicit_refresh', 'automatic_skip', 'automatic_partial'] as const;
    const gen = fc.integer({ min: 1, max: 25 }).chain((n) =>
      fc.record({
        parents: fc.array(fc.array(fc.nat({ max: 100 }), { maxLength: 3 }), { minLength: n, maxLength: n }),
        unusable: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        decisions: fc.array(
          fc.record({ node: fc.nat({ max: n - 1 }), cls: fc.constantFrom(...classes), action: fc.constantFrom('RUN' as const, 'SKIP' as const, 'PARTIAL' as const), conditional: fc.boolean(), batch: fc.nat({ max: 3 }) }),
          { maxLength: 40 },
        ),
      }),
    );
    fc.assert(
      fc.property(gen, (g) => {
        const id = (i: number): string => `model.p.n${String(i).padStart(2, '0')}`;
        const order = g.parents.map((_, i) => id(i));
        const upstream = new Map(g.parents.map((ps, i) => [id(i), [...new Set(ps.filter(() => i > 0).map((p) => p % i))].sort((a, b) => a - b).map(id)]));
        const downstream = new Map(order.map((x) => [x, [] as string[]]));
        for (const [x, ups] of upstream) for (const u of ups) downstream.get(u)?.push(x);
        const dag = { order, upstream, downstream };
        const usable = (x: string): Usability => ({ usable: !g.unusable[order.indexOf(x)], why: 'test' });
        const all: ActionDecision[] = order.map((nodeId) => ({ type: 'action', policyId: 'selection', nodeId, action: 'RUN', class: 'default', reason: 'selected', evidence: {} }));
        const resolver = createResolver(dag, usable);
        all.forEach((d) => resolver.add(d));
        resolver.resolve();
        for (let batch = 0; batch <= 3; batch++) {
          for (const d of g.decisions.filter((x) => x.batch === batch)) {
            const decision: ActionDecision = { type: 'action', policyId: `p${batch}`, nodeId: id(d.node), action: d.action, class: d.cls, reason: 'r', evidence: {}, ...(d.conditional ? { condition: 'upstream_not_running' as const } : {}) };
            all.push(decision);
            resolver.add(decision);
          }
          resolver.resolve();
        }
        const byNode = new Map<string, ActionDecision[]>();
        for (const d of all) byNode.set(d.nodeId, [...(byNode.get(d.nodeId) ?? []), d]);
        const fresh = resolveActions(dag, byNode, usable);
        order.forEach((x, pos) => {
          const a = resolver.at(pos);
          const b = fresh.get(x) as Resolution;
          expect([a.action, a.winner.policyId, a.winner.class, a.winner.reason, [...a.voided.values()]]).toEqual([b.action, b.winner.policyId, b.winner.class, b.winner.reason, [...b.voided.values()]]);
        });
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
