/** The built-in policies on real projects: tuva (matched manifest + run_results) and recce base → pr2. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseArtifactSet } from '../../../domain/artifacts/set';
import type { ArtifactSet } from '../../../domain/artifacts/types';
import { buildLogicalGraph } from '../../../domain/graph/build';
import { canonicalJson } from '../../../domain/plan/canonical';
import type { PlanRequest } from '../../../domain/plan/context';
import type { ExecutionPlan } from '../../../domain/plan/types';
import { createDefaultRegistry } from '../../../policies/builtins';
import { buildPlan } from '../../../policies/engine';
import { environment, succeeded } from '../plan/build';

const FIXTURES = path.join(__dirname, '../../fixtures/plans');
const read = (file: string): unknown => JSON.parse(gunzipSync(readFileSync(path.join(FIXTURES, file))).toString('utf8'));

function request(set: ArtifactSet, history: Partial<PlanRequest['history']>, env = {}): PlanRequest {
  const graph = buildLogicalGraph(set.manifest, set.manifest.projectId ?? 'p');
  return {
    planId: 'corpus',
    now: '2026-11-22T10:00:00Z',
    requestedBy: null,
    graph,
    manifest: set.manifest,
    selection: { select: null, exclude: null, selected: [...graph.nodes.keys()], named: [], fullRefresh: false },
    environment: environment(env),
    history: { nodeRuns: [], runResults: [], sources: [], catalog: null, ...history },
  };
}
const byAction = (plan: ExecutionPlan, action: string, kind = 'model') => plan.nodes.filter((n) => n.action === action && n.kind === kind).map((n) => n.name).sort();

describe('tuva: matched manifest and run_results', () => {
  const { set } = parseArtifactSet({ manifest: read('tuva/manifest.json.gz'), runResults: read('tuva/run_results.json.gz'), catalog: read('tuva/catalog.json.gz') });
  const runResults = [{ label: 'tuva run_results.json', results: set.runResults!, manifest: set.manifest }];

  it('without history every executable node runs, estimated from run_results timings', () => {
    const plan = buildPlan(request(set, { catalog: set.catalog }), createDefaultRegistry());
    // 441 nodes minus 42 ephemeral models (dbt inlines them): the 399 nodes run_results lists.
    expect(plan.totals.nodes).toEqual({ RUN: 399, SKIP: 0, PARTIAL: 0, total: 399 });
    expect(plan.selection.ignored).toHaveLength(42);
    const withTimings = buildPlan(request(set, { runResults: runResults.map((r) => ({ ...r, manifest: null })) }), createDefaultRegistry());
    expect(new Set(withTimings.nodes.map((n) => n.estimate.basis))).toEqual(new Set(['run_results']));
    expect(withTimings.totals.nodes.RUN).toBe(399);
    expect(withTimings.nodes.every((n) => n.reasons.some((r) => r.text.includes('has no recorded definition')))).toBe(true);
  });

  it('with its own successful run as history, everything is skipped; a change re-runs it and its downstream', () => {
    const all = buildPlan(request(set, { runResults }), createDefaultRegistry());
    expect(all.totals.nodes).toEqual({ RUN: 0, SKIP: 399, PARTIAL: 0, total: 399 });

    const target = 'model.the_tuva_project.core__condition';
    const changed = new Map(set.manifest.nodes);
    const node = changed.get(target)!;
    changed.set(target, { ...node, rawCode: `${node.rawCode ?? ''}\n-- edited` });
    const edited = { ...set, manifest: { ...set.manifest, nodes: changed } };
    const plan = buildPlan(request(edited, { runResults }), createDefaultRegistry());
    const graph = buildLogicalGraph(edited.manifest, 'p');
    const expected = new Set([target, ...graph.descendants(target)]);
    const running = plan.nodes.filter((n) => n.action === 'RUN').map((n) => n.uniqueId);
    expect(running.length).toBeGreaterThan(1);
    expect(new Set(running)).toEqual(new Set([...expected].filter((id) => plan.nodes.some((n) => n.uniqueId === id))));
  });

  it('a drop budget keeps the real plan within budget, deterministically', () => {
    const req = request(set, { runResults: runResults.map((r) => ({ ...r, manifest: null })) }, { budget: 0.05, budgetMode: 'drop', costRatePerHour: 36 });
    const a = buildPlan(req, createDefaultRegistry());
    expect(canonicalJson(a)).toBe(canonicalJson(buildPlan(req, createDefaultRegistry())));
    expect(a.totals.estimatedCost).toBeLessThanOrEqual(0.05);
    expect(a.totals.nodes.SKIP).toBeGreaterThan(0);
  });
});

describe('recce: base → pr2', () => {
  const base = parseArtifactSet({ manifest: read('recce/base/manifest.json.gz') }).set;
  const pr2 = parseArtifactSet({ manifest: read('recce/pr2/manifest.json.gz') }).set;
  const built = succeeded(base.manifest, [...base.manifest.nodes.keys()], '2026-11-21T00:00:00Z');

  it('skips what did not change and runs the changed customers model, the new models and everything downstream', () => {
    const plan = buildPlan(request(pr2, { nodeRuns: built }), createDefaultRegistry());
    expect(byAction(plan, 'SKIP')).toEqual(['orders', 'stg_customers', 'stg_orders', 'stg_payments']);
    expect(byAction(plan, 'RUN')).toEqual(['customer_order_pattern', 'customer_segments', 'customers', 'int_customer_orders', 'int_customer_payments']);
    const runningModels = new Set(plan.nodes.filter((n) => n.kind === 'model' && n.action === 'RUN').map((n) => n.uniqueId));
    for (const t of plan.nodes.filter((n) => n.kind === 'test')) {
      expect(t.action).toBe(t.upstream.some((u) => runningModels.has(u)) ? 'RUN' : 'SKIP');
    }
    const customers = plan.nodes.find((n) => n.name === 'customers')!;
    expect(customers.reasons.map((r) => r.text).join('\n')).toMatch(/modified since its last successful run at 2026-11-21T00:00:00Z \(.*body.*\)/);
    const newModel = plan.nodes.find((n) => n.name === 'int_customer_orders')!;
    expect(newModel.reasons.map((r) => r.text)).toContain('not skipped: no successful run on record in this environment');
  });
});
