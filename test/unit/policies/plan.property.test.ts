/**
 * Properties over many random projects and histories, with every built-in policy: the plan is
 * deterministic, contains only manifest nodes, never runs a node on a skipped upstream without a
 * usable relation, and a budget drops nothing that was not needed.
 */
import fc from 'fast-check';
import { canonicalJson, verifyPlanHash } from '../../../domain/plan/canonical';
import type { DbtNode } from '../../../domain/artifacts/types';
import type { RunRecord } from '../../../domain/plan/context';
import { buildPlan } from '../../../policies/engine';
import { builtinPolicies } from '../../../policies/builtins';
import { createPolicyRegistry } from '../../../policies/registry';
import type { Policy } from '../../../policies/types';
import { dbtNode, manifestOf, requestFor } from '../plan/build';

interface Gen {
  readonly kinds: Array<'seed' | 'model' | 'test' | 'source' | 'exposure'>;
  readonly parents: number[][];
  readonly changed: boolean[];
  readonly built: Array<number | null>;
  readonly seconds: number[];
  readonly critical: boolean[];
  readonly incremental: boolean[];
  readonly named: boolean[];
  readonly selected: boolean[];
  /** Nodes a plugin skips without checking relations: the engine must keep their downstream safe. */
  readonly pluginSkips: boolean[];
  readonly fullRefresh: boolean;
  readonly budget: number | null;
  readonly budgetMode: 'approve' | 'drop';
  readonly concurrency: number;
}

const genProject = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.record({
    kinds: fc.array(fc.constantFrom('seed', 'model', 'model', 'model', 'test', 'source', 'exposure'), { minLength: n, maxLength: n }),
    parents: fc.array(fc.array(fc.nat({ max: 1000 }), { maxLength: 3 }), { minLength: n, maxLength: n }),
    changed: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    built: fc.array(fc.option(fc.integer({ min: 0, max: 48 })), { minLength: n, maxLength: n }),
    seconds: fc.array(fc.integer({ min: 1, max: 600 }), { minLength: n, maxLength: n }),
    critical: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    incremental: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    named: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    selected: fc.array(fc.oneof(fc.constant(true), fc.boolean()), { minLength: n, maxLength: n }),
    pluginSkips: fc.array(fc.nat({ max: 9 }).map((x) => x === 0), { minLength: n, maxLength: n }),
    fullRefresh: fc.boolean(),
    budget: fc.option(fc.integer({ min: 0, max: 300 }).map((c) => c / 100)),
    budgetMode: fc.constantFrom('approve' as const, 'drop' as const),
    concurrency: fc.integer({ min: 1, max: 8 }),
  }),
);

function scenario(g: Gen) {
  const n = g.kinds.length;
  const id = (i: number) => `${g.kinds[i]}.p.n${String(i).padStart(2, '0')}`;
  const nodes = (changed: boolean): DbtNode[] =>
    g.kinds.map((kind, i) => {
      // Parents come from earlier nodes that can be parents (no tests, no exposures): a DAG.
      const deps = kind === 'source' || kind === 'seed' ? [] : [...new Set((g.parents[i] ?? []).filter(() => i > 0).map((p) => p % i))].filter((p) => g.kinds[p] !== 'test' && g.kinds[p] !== 'exposure').map(id);
      const incremental = kind === 'model' && g.incremental[i];
      const base: Parameters<typeof dbtNode>[0] = {
        id: id(i),
        deps,
        tags: g.critical[i] ? ['critical'] : [],
        ...(incremental ? { materialized: 'incremental', config: { materialized: 'incremental', meta: { sluice: { partition: { column: 'd', granularity: 'day', lookback: 1 } } } } } : {}),
      };
      return dbtNode(changed && g.changed[i] ? { ...base, rawCode: `select ${i} -- changed` } : base);
    });
  const before = manifestOf(nodes(false));
  const current = manifestOf(nodes(true));
  const nodeRuns: RunRecord[] = [];
  g.built.forEach((hour, i) => {
    if (hour === null || hour === undefined) return;
    const at = new Date(Date.UTC(2026, 10, 20, hour)).toISOString();
    nodeRuns.push({ uniqueId: id(i), status: 'success', startedAt: at, completedAt: at, durationSeconds: g.seconds[i] ?? 1, manifest: before, label: `run-${hour}` });
  });
  const all = Array.from({ length: n }, (_, i) => id(i));
  const request = requestFor(current, {
    selected: all.filter((_, i) => g.selected[i]),
    named: all.filter((_, i) => g.named[i] && g.selected[i]),
    fullRefresh: g.fullRefresh,
    env: { budget: g.budget, budgetMode: g.budgetMode, concurrency: g.concurrency },
    history: { nodeRuns },
  });
  const skips = new Set(all.filter((_, i) => g.pluginSkips[i]));
  const plugin: Policy = {
    id: 'random_skipper',
    stage: 'action',
    description: 'skips arbitrary nodes',
    evaluate: (ctx) => [...skips].filter((x) => ctx.planIds.has(x)).map((nodeId) => ({ type: 'action' as const, policyId: 'random_skipper', nodeId, action: 'SKIP' as const, class: 'automatic_skip' as const, reason: 'random', evidence: {} })),
  };
  return { request, nodeRuns, current, plugin };
}

describe('plan properties over random projects', () => {
  it('deterministic, manifest-only, dependency-safe, budget-minimal', () => {
    fc.assert(
      fc.property(genProject, (g) => {
        const { request, nodeRuns, current, plugin } = scenario(g);
        const plan = buildPlan(request, createPolicyRegistry([...builtinPolicies(), plugin]));
        const again = buildPlan(request, createPolicyRegistry([plugin, ...builtinPolicies()].reverse()));
        expect(canonicalJson(again)).toBe(canonicalJson(plan));
        expect(verifyPlanHash(plan)).toBe(true);

        const byId = new Map(plan.nodes.map((node) => [node.uniqueId, node]));
        const built = new Set(nodeRuns.map((r) => r.uniqueId));
        for (const node of plan.nodes) {
          expect(current.nodes.has(node.uniqueId)).toBe(true);
          expect(request.selection.selected).toContain(node.uniqueId);
          if (node.action === 'SKIP') continue;
          for (const u of node.upstream) {
            const up = byId.get(u);
            const usable = built.has(u) || up?.kind === 'test';
            expect(up?.action !== 'SKIP' || usable).toBe(true);
          }
        }

        const dropped = plan.nodes.filter((node) => node.reasons.some((r) => r.policyId === 'limit_cost_budget' && r.outcome === 'applied'));
        if (g.budget === null || g.budgetMode === 'approve') {
          expect(dropped).toEqual([]);
          return;
        }
        for (const d of dropped) expect(plan.selection.named).not.toContain(d.uniqueId);
        const droppedIds = new Set(dropped.map((d) => d.uniqueId));
        const stillOver = plan.approvals.rules.some((r) => r.policyId === 'limit_cost_budget');
        if (dropped.length > 0 && !stillOver) expect(plan.totals.estimatedCost).toBeLessThanOrEqual(g.budget + 1e-9);
        // Nothing dropped could come back: each dropped node whose upstream still runs would not fit.
        for (const d of dropped) {
          if (d.upstream.some((u) => droppedIds.has(u))) continue;
          expect(plan.totals.estimatedCost + d.estimate.cost).toBeGreaterThan(g.budget + 1e-9);
        }
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
