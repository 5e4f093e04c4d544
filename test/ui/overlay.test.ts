import type { PlanNode } from '../../ui/src/client/client';
import { buildWorkspaceGraph } from '../../ui/src/graph/model';
import { buildOverlayGraph, contextOf, layoutGraphOf } from '../../ui/src/overlay/overlayGraph';
import { asRunNodeStatus, glyphOf, legendOf, markKey, markNodes, type MarkKey, type NodeRunState } from '../../ui/src/overlay/overlayMarks';
import { planFixture } from './plansRunsFixtures';

// A small version graph around the fixture plan (raw_customers → stg_customers → customers):
// raw_orders → stg_orders → customers (stg_orders is outside the plan), customers → a test and an
// exposure (outside the plan), and an unrelated model far away.
const SEED = 'seed.jaffle_shop.raw_customers';
const STG = 'model.jaffle_shop.stg_customers';
const CUSTOMERS = 'model.jaffle_shop.customers';
const STG_ORDERS = 'model.jaffle_shop.stg_orders';
const RAW_ORDERS = 'seed.jaffle_shop.raw_orders';
const TEST = 'test.jaffle_shop.not_null_customers_customer_id';
const EXPOSURE = 'exposure.jaffle_shop.dashboard';
const FAR = 'model.jaffle_shop.far_away';

const kindOf = (id: string) => id.split('.')[0] as 'seed' | 'model' | 'test' | 'exposure';
const inputs = [SEED, STG, CUSTOMERS, STG_ORDERS, RAW_ORDERS, TEST, EXPOSURE, FAR].map((uniqueId) => ({
  uniqueId, nodeUuid: `uuid-${uniqueId}`, kind: kindOf(uniqueId), name: uniqueId.split('.').pop() as string, packageName: 'jaffle_shop',
}));
const graph = buildWorkspaceGraph(inputs, [
  { from: SEED, to: STG }, { from: STG, to: CUSTOMERS }, { from: RAW_ORDERS, to: STG_ORDERS }, { from: STG_ORDERS, to: CUSTOMERS },
  { from: CUSTOMERS, to: TEST }, { from: CUSTOMERS, to: EXPOSURE },
]);

/** The fixture plan with each node's `upstream` as the plan engine writes it. */
const plan: PlanNode[] = planFixture.plan.nodes.map((n) => ({ ...n, upstream: n.uniqueId === STG ? [SEED] : n.uniqueId === CUSTOMERS ? [STG] : [] }));

const states = (pairs: Array<[string, string, string?]>): NodeRunState[] =>
  pairs.map(([uniqueId, state, message]) => ({ uniqueId, state, attempt: state === 'pending' || state === 'skipped' ? 0 : 1, message: message ?? null }));
const counts = (entries: ReturnType<typeof legendOf>): Record<string, number> => Object.fromEntries(entries.map((e) => [e.key, e.count]));

describe('the plan on the graph', () => {
  it('draws the plan\'s nodes and the graph edges among them, nothing else by default', () => {
    const overlay = buildOverlayGraph(plan, graph, false);
    expect(overlay.nodes.map((n) => [n.id, n.role, n.kind, n.label])).toEqual([
      [CUSTOMERS, 'planned', 'model', 'customers'],
      [STG, 'planned', 'model', 'stg_customers'],
      [SEED, 'planned', 'seed', 'raw_customers'],
    ]);
    expect(overlay.edges).toEqual([{ from: STG, to: CUSTOMERS, kind: 'direct' }, { from: SEED, to: STG, kind: 'direct' }]);
    // stg_orders (upstream), the test and the exposure (downstream) are the direct neighbours outside the plan.
    expect(overlay.contextCount).toBe(3);
  });

  it('adds the direct neighbours outside the plan, and their edges, "with context"', () => {
    const overlay = buildOverlayGraph(plan, graph, true);
    expect(overlay.nodes.filter((n) => n.role === 'context').map((n) => n.id)).toEqual([EXPOSURE, STG_ORDERS, TEST]);
    // Not raw_orders (two steps away) nor the unrelated model.
    expect(overlay.nodes.map((n) => n.id)).not.toContain(RAW_ORDERS);
    expect(overlay.nodes.map((n) => n.id)).not.toContain(FAR);
    expect(overlay.edges.filter((e) => e.kind === 'context')).toEqual([
      { from: CUSTOMERS, to: EXPOSURE, kind: 'context' },
      { from: CUSTOMERS, to: TEST, kind: 'context' },
      { from: STG_ORDERS, to: CUSTOMERS, kind: 'context' },
    ]);
    expect([...contextOf(new Set([STG]), graph)].sort()).toEqual([CUSTOMERS, SEED]);
  });

  it('draws a plan dependency through nodes the plan leaves out as a `through` edge', () => {
    // select raw_customers and customers only: the plan says customers waits for the seed.
    const sparse = plan.filter((n) => n.uniqueId !== STG).map((n) => (n.uniqueId === CUSTOMERS ? { ...n, upstream: [SEED] } : n));
    const overlay = buildOverlayGraph(sparse, graph, false);
    expect(overlay.edges).toEqual([{ from: SEED, to: CUSTOMERS, kind: 'through' }]);
    expect(buildOverlayGraph(sparse, graph, true).nodes.find((n) => n.id === STG)?.role).toBe('context');
    // Without the version's graph the plan's own edges are all there is.
    expect(buildOverlayGraph(plan, null, true)).toEqual({
      nodes: expect.any(Array),
      edges: [{ from: STG, to: CUSTOMERS, kind: 'direct' }, { from: SEED, to: STG, kind: 'direct' }],
      contextCount: 0,
    });
  });

  it('marks nodes by action with the estimate and the reasons, applied decisions first', () => {
    const marked = markNodes(buildOverlayGraph(plan, graph, false), plan, null);
    const byId = new Map(marked.map((m) => [m.id, m]));
    expect(marked.map((m) => markKey(m.mark))).toEqual(['RUN', 'RUN', 'SKIP']);
    expect(byId.get(SEED)?.reasons).toEqual(['unchanged since the last successful run (skip_if_no_change)']);
    expect(byId.get(STG)?.reasons).toEqual(['selected (selection)', 'unchanged, but an upstream changed (skip_if_no_change, overruled)']);
    expect(byId.get(CUSTOMERS)).toMatchObject({ estimateSeconds: 30, estimateDetail: 'median of 3 recent successful runs: 30 s', action: 'RUN' });
    expect(counts(legendOf(marked, 'plan'))).toEqual({ RUN: 2, PARTIAL: 0, SKIP: 1 });
  });

  it('counts context nodes apart in the legend, marked `context` in both modes', () => {
    const overlay = buildOverlayGraph(plan, graph, true);
    expect(counts(legendOf(markNodes(overlay, plan, null), 'plan'))).toEqual({ RUN: 2, PARTIAL: 0, SKIP: 1, context: 3 });
    const run = markNodes(overlay, plan, states([[SEED, 'skipped'], [STG, 'success'], [CUSTOMERS, 'running']]));
    expect(run.filter((m) => m.role === 'context').every((m) => m.mark.type === 'context' && m.action === null)).toBe(true);
  });

  it('lays out every drawn node and edge', () => {
    const overlay = buildOverlayGraph(plan, graph, true);
    const visible = layoutGraphOf(overlay);
    expect(visible.nodes.map((n) => n.id)).toEqual(overlay.nodes.map((n) => n.id));
    expect(visible.edges).toHaveLength(overlay.edges.length);
  });
});

describe('the run on the graph', () => {
  const overlay = buildOverlayGraph(plan, graph, false);

  it('marks each planned node by its latest run state, with the error of a failed one', () => {
    const marked = markNodes(overlay, plan, states([[SEED, 'skipped'], [STG, 'success'], [CUSTOMERS, 'failed', 'Binder Error: column x not found']]));
    expect(marked.map((m) => [m.id, markKey(m.mark)])).toEqual([[CUSTOMERS, 'failed'], [STG, 'success'], [SEED, 'skipped']]);
    expect(marked[0]).toMatchObject({ message: 'Binder Error: column x not found', attempt: 1, action: 'RUN' });
    expect(counts(legendOf(marked, 'run'))).toEqual({ running: 0, pending: 0, success: 1, failed: 1, skipped: 1 });
  });

  it('lists the rarer states only when a node has them, and never guesses an unknown one', () => {
    const marked = markNodes(overlay, plan, states([[SEED, 'skipped'], [STG, 'interrupted'], [CUSTOMERS, 'exploded']]));
    expect(counts(legendOf(marked, 'run'))).toEqual({ running: 0, pending: 0, success: 0, failed: 0, interrupted: 1, skipped: 1, unknown: 1 });
    // A planned node the run does not report at all.
    expect(markNodes(overlay, plan, []).map((m) => markKey(m.mark))).toEqual(['unknown', 'unknown', 'unknown']);
    expect(['upstream_failed', 'not_run', 'warning', 'queued', 'error'].map(asRunNodeStatus)).toEqual(['upstream_failed', 'not_run', 'warning', 'unknown', 'unknown']);
  });

  it('gives every mark its own glyph (colour is not the only cue), context none', () => {
    const keys: MarkKey[] = ['RUN', 'PARTIAL', 'SKIP', 'pending', 'running', 'success', 'warning', 'failed', 'upstream_failed', 'interrupted', 'not_run', 'unknown'];
    const glyphs = keys.map(glyphOf);
    expect(glyphs.every((g) => g.length > 0)).toBe(true);
    expect(new Set(glyphs).size).toBe(keys.length);
    expect(glyphOf('skipped')).toBe(glyphOf('SKIP'));
    expect(glyphOf('context')).toBe('');
  });
});
