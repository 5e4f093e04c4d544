import { buildPlan } from '../../../policies/engine';
import { createPolicyRegistry } from '../../../policies/registry';
import { partialByPartition, skipIfNoChange } from '../../../policies/builtins';
import type { ExecutionPlan, PlanNode } from '../../../domain/plan/types';
import { chain, requestFor, succeeded, type RequestOptions } from '../plan/build';

const contract = (partition: unknown, materialized = 'incremental') => ({
  materialized,
  config: { materialized, meta: { sluice: { partition } } },
});
const project = (partition: unknown, materialized = 'incremental') =>
  chain(['model.p.stg_events', 'model.p.events <- model.p.stg_events'], { 'model.p.events': contract(partition, materialized) });
const built = (m: ReturnType<typeof project>, at = '2026-11-22T06:30:00Z') => ({ nodeRuns: succeeded(m, ['model.p.events', 'model.p.stg_events'], at) });

function events(m: ReturnType<typeof project>, options: RequestOptions = {}): PlanNode {
  const plan: ExecutionPlan = buildPlan(requestFor(m, { history: built(m), ...options }), createPolicyRegistry([partialByPartition()]));
  return plan.nodes.find((n) => n.uniqueId === 'model.p.events') as PlanNode;
}

describe('partial_by_partition', () => {
  it('runs an incremental model with a contract PARTIAL over lookback periods, with the vars that select them', () => {
    const m = project({ column: 'event_date', granularity: 'day', lookback: 2 });
    const node = events(m);
    expect(node.action).toBe('PARTIAL');
    expect(node.partition).toEqual({ column: 'event_date', granularity: 'day', lookback: 2, start: '2026-11-20T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z' });
    expect(node.vars).toEqual({ sluice_partition_start: '2026-11-20', sluice_partition_end: '2026-11-23' });
    expect(node.command).toBe('run');
    expect(node.reasons.find((r) => r.outcome === 'applied')?.text).toContain('process [2026-11-20T00:00:00.000Z, 2026-11-23T00:00:00.000Z)');
  });

  it('starts at the last successful run when that is earlier than the lookback; hours and custom var names', () => {
    const m = project({ column: 'ts', granularity: 'hour', lookback: 1, start_var: 'from_ts', end_var: 'to_ts' });
    const node = events(m, { history: built(m, '2026-11-22T05:10:00Z') });
    expect(node.partition?.start).toBe('2026-11-22T05:00:00.000Z');
    expect(node.partition?.end).toBe('2026-11-22T11:00:00.000Z');
    expect(node.vars).toEqual({ from_ts: '2026-11-22T05:00:00Z', to_ts: '2026-11-22T11:00:00Z' });
    const monthly = project({ column: 'm', granularity: 'month', lookback: 1 });
    expect(events(monthly).partition).toMatchObject({ start: '2026-10-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' });
  });

  it('no contract, no PARTIAL; an invalid contract, a table model or a never-built table say why', () => {
    const none = chain(['model.p.stg_events', 'model.p.events <- model.p.stg_events'], { 'model.p.events': { materialized: 'incremental' } });
    expect(events(none).action).toBe('RUN');
    expect(events(none).reasons.map((r) => r.policyId)).not.toContain('partial_by_partition');

    const cases: Array<[ReturnType<typeof project>, string]> = [
      [project({ column: 'd', granularity: 'week', lookback: 1 }), 'granularity must be one of hour, day, month'],
      [project({ column: '', granularity: 'day', lookback: 1 }), 'column must be a non-empty string'],
      [project({ column: 'd', granularity: 'day', lookback: -1 }), 'lookback must be an integer ≥ 0'],
      [project({ column: 'd', granularity: 'day', lookback: 1 }, 'table'), 'needs an incremental model'],
    ];
    for (const [m, why] of cases) {
      const node = events(m);
      expect(node.action).toBe('RUN');
      expect(node.reasons.find((r) => r.policyId === 'partial_by_partition')?.text).toContain(why);
    }
    const fresh = project({ column: 'd', granularity: 'day', lookback: 1 });
    const never = events(fresh, { history: { nodeRuns: [] } });
    expect(never.action).toBe('RUN');
    expect(never.reasons.map((r) => r.text).join()).toContain('its first run builds it in full');
  });

  it('loses to an explicit full refresh and to an automatic skip (precedence)', () => {
    const m = project({ column: 'd', granularity: 'day', lookback: 1 });
    const refreshed = events(m, { fullRefresh: true });
    expect(refreshed.action).toBe('RUN');
    expect(refreshed.fullRefresh).toBe(true);
    expect(refreshed.vars).toEqual({});
    expect(refreshed.reasons.find((r) => r.policyId === 'partial_by_partition')?.outcome).toBe('overruled');

    const plan = buildPlan(requestFor(m, { history: built(m) }), createPolicyRegistry([partialByPartition(), skipIfNoChange()]));
    const node = plan.nodes.find((n) => n.uniqueId === 'model.p.events');
    expect(node?.action).toBe('SKIP');
    expect(node?.partition).toBeNull();
  });
});
