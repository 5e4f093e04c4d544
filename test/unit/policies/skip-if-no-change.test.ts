import { buildPlan } from '../../../policies/engine';
import { createPolicyRegistry } from '../../../policies/registry';
import { skipIfNoChange } from '../../../policies/builtins';
import type { ExecutionPlan } from '../../../domain/plan/types';
import { chain, dbtNode, freshnessOf, manifestOf, requestFor, succeeded, type RequestOptions } from '../plan/build';
import type { Manifest } from '../../../domain/artifacts/types';

const ids = ['source.p.raw.orders', 'model.p.stg_orders', 'model.p.orders', 'test.p.orders_ok'];
const lines = ['source.p.raw.orders', 'model.p.stg_orders <- source.p.raw.orders', 'model.p.orders <- model.p.stg_orders', 'test.p.orders_ok <- model.p.orders'];
const before = chain(lines);
const LAST = '2026-11-21T00:00:00Z';
const builtBefore = { nodeRuns: succeeded(before, ids.slice(1), LAST) };

function plan(current: Manifest, options: RequestOptions = {}): ExecutionPlan {
  return buildPlan(requestFor(current, { history: builtBefore, ...options }), createPolicyRegistry([skipIfNoChange()]));
}
const actions = (p: ExecutionPlan): Record<string, string> => Object.fromEntries(p.nodes.map((n) => [n.uniqueId, n.action]));
const reasons = (p: ExecutionPlan, id: string): string => p.nodes.find((n) => n.uniqueId === id)?.reasons.map((r) => `${r.outcome}:${r.text}`).join(' | ') ?? '';

describe('skip_if_no_change', () => {
  it('skips every node unchanged since its last successful run, citing run, checksum and freshness', () => {
    const p = plan(before, { history: { ...builtBefore, sources: [freshnessOf({ 'source.p.raw.orders': '2026-11-20T12:00:00Z' })] } });
    expect(actions(p)).toEqual({ 'model.p.stg_orders': 'SKIP', 'model.p.orders': 'SKIP', 'test.p.orders_ok': 'SKIP' });
    // A short text; the structured evidence carries the run, the checksum and the freshness.
    const skip = p.nodes.find((n) => n.uniqueId === 'model.p.stg_orders')?.reasons.find((r) => r.outcome === 'applied');
    expect(skip?.text).toBe('unchanged since its last successful run; upstream unchanged');
    expect(skip?.evidence).toEqual({
      checksum: 'sha256:sum-stg_orde',
      lastRun: LAST,
      lastRunSource: 'run-1',
      lastStatus: 'success',
      sources: 'source.p.raw.orders: max_loaded_at 2026-11-20T12:00:00Z',
    });
  });

  it('runs a node whose body changed, and everything downstream of it (upstream will run)', () => {
    const after = chain(lines, { 'model.p.stg_orders': { rawCode: 'select 2', checksum: { name: 'sha256', checksum: 'new' } } });
    const p = plan(after);
    expect(actions(p)).toEqual({ 'model.p.stg_orders': 'RUN', 'model.p.orders': 'RUN', 'test.p.orders_ok': 'RUN' });
    expect(reasons(p, 'model.p.stg_orders')).toContain('note:not skipped: modified since its last successful run');
    expect(reasons(p, 'model.p.stg_orders')).toContain('body');
    expect(reasons(p, 'model.p.orders')).toContain("not skipped: upstream model.p.stg_orders changed since this node's last run (body)");
    expect(reasons(p, 'test.p.orders_ok')).toContain('overruled:unchanged since its last successful run');
    expect(reasons(p, 'test.p.orders_ok')).toContain('but upstream model.p.orders will run');
  });

  it('treats a config change and a changed macro as modifications (state:modified)', () => {
    const configChanged = chain(lines, { 'model.p.orders': { unrenderedConfig: { materialized: 'incremental' } } });
    expect(actions(plan(configChanged))['model.p.orders']).toBe('RUN');

    const macro = (checksum: string): Manifest['macros'] => new Map([['macro.p.cents', { uniqueId: 'macro.p.cents', packageName: 'p', checksum, dependsOnMacros: [] }]]);
    const withMacro = (m: Manifest, checksum: string): Manifest => ({ ...m, macros: macro(checksum) });
    const usesMacro = chain(lines, { 'model.p.orders': { dependsOnMacros: ['macro.p.cents'] } });
    const prev = withMacro(usesMacro, 'a');
    const history = { nodeRuns: succeeded(prev, ids.slice(1), LAST) };
    expect(actions(plan(withMacro(usesMacro, 'a'), { history }))['model.p.orders']).toBe('SKIP');
    const p = plan(withMacro(usesMacro, 'b'), { history });
    expect(actions(p)['model.p.orders']).toBe('RUN');
    expect(reasons(p, 'model.p.orders')).toContain('macros');
  });

  it('runs a node whose source has data loaded after its last run started', () => {
    const p = plan(before, { history: { ...builtBefore, sources: [freshnessOf({ 'source.p.raw.orders': '2026-11-21T06:00:00Z' })] } });
    expect(actions(p)['model.p.stg_orders']).toBe('RUN');
    expect(reasons(p, 'model.p.stg_orders')).toContain('source source.p.raw.orders has fresher data (max_loaded_at 2026-11-21T06:00:00Z');
    expect(actions(p)['model.p.orders']).toBe('RUN');
  });

  it('runs a node whose upstream, outside the plan, was rebuilt after it', () => {
    const nodeRuns = [...builtBefore.nodeRuns, ...succeeded(before, ['model.p.stg_orders'], '2026-11-21T05:00:00Z', 10, 'run-2')];
    const p = plan(before, { selected: ['model.p.orders'], history: { nodeRuns } });
    expect(actions(p)).toEqual({ 'model.p.orders': 'RUN' });
    expect(reasons(p, 'model.p.orders')).toContain('upstream model.p.stg_orders was rebuilt at 2026-11-21T05:00:00Z');
  });

  it('never skips without a successful run on record, nor after a failed one only', () => {
    const failed = builtBefore.nodeRuns.map((r) => ({ ...r, status: 'error' }));
    for (const nodeRuns of [[], failed]) {
      const p = plan(before, { history: { nodeRuns } });
      expect(Object.values(actions(p))).toEqual(['RUN', 'RUN', 'RUN']);
      expect(reasons(p, 'model.p.stg_orders')).toContain('no successful run on record');
    }
  });

  it('runs a node that did not exist in the manifest of its last run, and says so', () => {
    const after = manifestOf([...before.nodes.values(), dbtNode({ id: 'model.p.new_one', deps: ['model.p.orders'] })]);
    const history = { nodeRuns: [...builtBefore.nodeRuns, ...succeeded(before, ['model.p.new_one'], LAST)] };
    const p = plan(after, { history });
    expect(actions(p)['model.p.new_one']).toBe('RUN');
    expect(reasons(p, 'model.p.new_one')).toContain('(new)');
  });

  it('says in a running node that its skipped upstream has a usable relation', () => {
    const after = chain(lines, { 'model.p.orders': { rawCode: 'select 3' } });
    const p = plan(after);
    expect(actions(p)).toEqual({ 'model.p.stg_orders': 'SKIP', 'model.p.orders': 'RUN', 'test.p.orders_ok': 'RUN' });
    const note = p.nodes.find((n) => n.uniqueId === 'model.p.orders')?.reasons.find((r) => r.policyId === 'engine');
    expect(note).toEqual({
      policyId: 'engine',
      action: null,
      outcome: 'note',
      text: `skipped upstream; its existing relation is usable: built successfully at ${LAST} (run-1)`,
      evidence: { upstream: 'model.p.stg_orders' },
    });
  });
});
