// The run workflow on the real Temporal dev server with a real store and a small no-op node activity
// (dbt is not the point here): DAG walking, failure propagation, fail-fast, approvals, planning.
import { WorkflowFailedError } from '@temporalio/client';
import { listNodeRuns, getRun } from '../../../store';
import { searchAttributeKeys } from '../../../temporal/searchAttributes';
import { approveSignal, rejectSignal, statusQuery } from '../../../workflows/planRunDefinitions';
import { planRunUrl, planRunWorkflowId } from '../../../workflows/planRunTypes';
import type { NodeSpec } from '../../unit/workflows/planFixture';
import { historyOf, seedRun, startKit, startRun, waitFor, type Kit } from './support/kit';
import { saveHistory } from './support/histories';
import { noopExecuteNode, type NoopBehaviour } from './support/noopNodes';

jest.setTimeout(120_000);

const behaviours: Record<string, NoopBehaviour> = {
  'model.p.broken': 'fail',
  'model.p.warns': 'warn',
  'model.p.flaky': 'transient_once',
  'model.p.slow': { sleepMs: 1500 },
  'model.p.forever': { sleepMs: 600_000 },
};
const calls: string[] = [];
let kit: Kit;

beforeAll(async () => {
  kit = await startKit({ name: 'plan-run-lifecycle', executeNode: noopExecuteNode((id) => behaviours[id] ?? 'success', calls) });
});
afterAll(async () => {
  await kit?.close();
});

const fast = { retryInitialIntervalMs: 100, heartbeatTimeoutSeconds: 10 };

it('runs a plan to success: SKIP nodes without an activity, activity id = unique_id, state persisted', async () => {
  const nodes: NodeSpec[] = [
    { id: 'seed.p.raw' }, { id: 'model.p.a', deps: ['seed.p.raw'] }, { id: 'model.p.skipped', deps: ['model.p.a'], action: 'SKIP' },
    { id: 'model.p.b', deps: ['model.p.skipped'] }, { id: 'model.p.flaky', deps: ['model.p.a'] },
  ];
  const seeded = await seedRun(kit, { nodes, concurrency: 2 });
  const handle = await startRun(kit, seeded, fast);
  expect(handle.workflowId).toBe(planRunWorkflowId(seeded.input.projectId, seeded.input.runId));
  const result = await handle.result();
  expect(result.status).toBe('success');
  expect(result.counts).toMatchObject({ success: 4, skipped: 1 });

  const status = await handle.query(statusQuery);
  expect(status.lifecycle).toBe('success');
  expect(Object.keys(status.timings)).toEqual(['queued', 'planning', 'running', 'success']);
  expect(status.nodes['model.p.flaky']).toMatchObject({ state: 'success', attempt: 2 });
  expect(calls.filter((c) => c.startsWith('model.p.skipped'))).toEqual([]);

  const history = await handle.fetchHistory();
  const activityIds = (history.events ?? []).flatMap((e) => (e.activityTaskScheduledEventAttributes?.activityType?.name === 'executeNode' ? [e.activityTaskScheduledEventAttributes.activityId] : []));
  expect(activityIds.sort()).toEqual(['model.p.a', 'model.p.b', 'model.p.flaky', 'seed.p.raw']);

  const described = await handle.describe();
  expect(described.typedSearchAttributes.get(searchAttributeKeys.runStatus)).toBe('success');
  expect(described.typedSearchAttributes.get(searchAttributeKeys.plan)).toBe(seeded.plan.hash);

  const run = await getRun({ db: kit.store.db, tenantId: seeded.tenantId, id: seeded.run.id });
  expect(run.status).toBe('success');
  expect(run.startedAt).not.toBeNull();
  const rows = await listNodeRuns({ db: kit.store.db, tenantId: seeded.tenantId, runId: seeded.run.id });
  expect(rows.map((r) => [r.uniqueId, r.status, r.attempt])).toEqual([
    ['model.p.a', 'success', 1], ['model.p.b', 'success', 1], ['model.p.flaky', 'success', 2], ['model.p.skipped', 'skipped', 0], ['seed.p.raw', 'success', 1],
  ]);
  await saveHistory(handle, 'planRun-success-skip-retry');
  expect(planRunUrl({ uiUrl: 'http://127.0.0.1:8233/', namespace: 'default' }, 'p1', 'r1')).toBe('http://127.0.0.1:8233/namespaces/default/workflows/run%2Fp1%2Fr1');
});

it('skips the descendants of a failure, lets other branches finish, and ends failed; warnings alone end as warning', async () => {
  const nodes: NodeSpec[] = [
    { id: 'model.p.root' }, { id: 'model.p.broken', deps: ['model.p.root'] }, { id: 'model.p.after_broken', deps: ['model.p.broken'] },
    { id: 'model.p.last', deps: ['model.p.after_broken'] }, { id: 'model.p.slow', deps: ['model.p.root'] }, { id: 'model.p.after_slow', deps: ['model.p.slow'] },
  ];
  const seeded = await seedRun(kit, { nodes, concurrency: 4 });
  const handle = await startRun(kit, seeded, fast);
  const result = await handle.result();
  expect(result).toMatchObject({ status: 'failed', failed: ['model.p.broken'], interrupted: [] });
  const { nodes: states } = await handle.query(statusQuery);
  expect(Object.fromEntries(Object.entries(states).map(([id, v]) => [id, v.state]))).toEqual({
    'model.p.root': 'success', 'model.p.broken': 'failed', 'model.p.after_broken': 'upstream_failed', 'model.p.last': 'upstream_failed',
    'model.p.slow': 'success', 'model.p.after_slow': 'success',
  });
  expect(states['model.p.broken']).toMatchObject({ errorType: 'DbtTestFailure', attempt: 1 });
  // Non-retryable: one attempt only.
  expect(calls.filter((c) => c.startsWith('model.p.broken#'))).toHaveLength(1);
  const rows = await listNodeRuns({ db: kit.store.db, tenantId: seeded.tenantId, runId: seeded.run.id });
  expect(Object.fromEntries(rows.map((r) => [r.uniqueId, r.status]))).toEqual(Object.fromEntries(Object.entries(states).map(([id, v]) => [id, v.state])));
  expect((await getRun({ db: kit.store.db, tenantId: seeded.tenantId, id: seeded.run.id })).status).toBe('failed');
  await saveHistory(handle, 'planRun-failure-branches');

  const warned = await seedRun(kit, { nodes: [{ id: 'model.p.a' }, { id: 'model.p.warns', deps: ['model.p.a'] }] });
  expect((await (await startRun(kit, warned, fast)).result()).status).toBe('warning');
});

it('failFast stops everything at the first failure: running nodes interrupted, the rest never run', async () => {
  const nodes: NodeSpec[] = [
    { id: 'model.p.forever', seconds: 100 }, { id: 'model.p.broken', seconds: 1 }, { id: 'model.p.next', deps: ['model.p.broken'] }, { id: 'model.p.other', deps: ['model.p.forever'] },
  ];
  const seeded = await seedRun(kit, { nodes, concurrency: 2 });
  const handle = await startRun(kit, seeded, { ...fast, failFast: true });
  const result = await handle.result();
  expect(result).toMatchObject({ status: 'failed', failed: ['model.p.broken'], interrupted: ['model.p.forever'] });
  const states = (await handle.query(statusQuery)).nodes;
  expect(states['model.p.next']?.state).toBe('upstream_failed');
  expect(states['model.p.other']?.state).toBe('not_run');
  await saveHistory(handle, 'planRun-fail-fast');
});

describe('approvals', () => {
  const approvals = { required: true, rules: [{ role: 'admin', count: 2, policyId: 'p', reason: 'prod' }], separationOfDuties: true, requestedBy: 'alice' };

  it('opens the gate with two distinct approvers; an early signal is kept; wrong hash, duplicate and requester are ignored and recorded', async () => {
    const seeded = await seedRun(kit, { nodes: [{ id: 'model.p.a' }], approvals });
    // signalWithStart: the approval is in history before the workflow's first task runs.
    const handle = await kit.client.client.workflow.signalWithStart('planRunWorkflow', {
      taskQueue: kit.config.taskQueue, workflowId: seeded.run.workflowId, args: [{ ...seeded.input, options: fast }],
      signal: approveSignal, signalArgs: [{ approver: 'bob', planHash: seeded.plan.hash }],
    });
    await waitFor(() => handle.query(statusQuery), (s) => s.lifecycle === 'awaiting_approval', 20_000);
    await handle.signal(approveSignal, { approver: 'carol', planHash: 'f'.repeat(64) });
    await handle.signal(approveSignal, { approver: 'bob', planHash: seeded.plan.hash });
    await handle.signal(approveSignal, { approver: 'alice', planHash: seeded.plan.hash });
    const waiting = await handle.query(statusQuery);
    expect(waiting.lifecycle).toBe('awaiting_approval');
    expect(waiting.approvals).toMatchObject({ required: true, requiredCount: 2, approvedBy: ['bob'] });
    expect(waiting.approvals.ignored.map((i) => [i.approver, i.why])).toEqual([['carol', 'wrong_plan_hash'], ['bob', 'duplicate'], ['alice', 'separation_of_duties']]);
    expect((await getRun({ db: kit.store.db, tenantId: seeded.tenantId, id: seeded.run.id })).status).toBe('awaiting_approval');

    await handle.signal(approveSignal, { approver: 'dave', planHash: seeded.plan.hash });
    const result = await handle.result();
    expect(result.status).toBe('success');
    expect((await handle.query(statusQuery)).approvals.approvedBy).toEqual(['bob', 'dave']);
    await saveHistory(handle, 'planRun-approvals');
  });

  it('a rejection ends the run canceled with the reason; nothing runs', async () => {
    const seeded = await seedRun(kit, { nodes: [{ id: 'model.p.never' }], approvals });
    const handle = await startRun(kit, seeded, fast);
    await waitFor(() => handle.query(statusQuery), (s) => s.lifecycle === 'awaiting_approval', 20_000);
    await handle.signal(rejectSignal, { approver: 'x', planHash: 'bad' });
    await handle.signal(rejectSignal, { approver: 'bob', planHash: seeded.plan.hash, reason: 'not today' });
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'canceled', reason: 'rejected by bob: not today', counts: { not_run: 1 } });
    expect(calls.some((c) => c.startsWith('model.p.never'))).toBe(false);
    const rows = await listNodeRuns({ db: kit.store.db, tenantId: seeded.tenantId, runId: seeded.run.id });
    expect(rows.map((r) => [r.uniqueId, r.status])).toEqual([['model.p.never', 'not_run']]);
    expect((await getRun({ db: kit.store.db, tenantId: seeded.tenantId, id: seeded.run.id })).status).toBe('canceled');
    await saveHistory(handle, 'planRun-rejected');
  });

  it('the environment approval timeout ends the run canceled with that reason', async () => {
    const seeded = await seedRun(kit, { nodes: [{ id: 'model.p.a' }], approvals }, { approvalTimeoutSeconds: 2 });
    const handle = await startRun(kit, seeded, fast);
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'canceled', reason: 'approval timed out after 2 s' });
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributeKeys.runStatus)).toBe('canceled');
  });
});

it('planning refuses a plan whose hash is not the one requested: the run fails before anything runs', async () => {
  const seeded = await seedRun(kit, { nodes: [{ id: 'model.p.a' }] });
  const handle = await startRun(kit, seeded, fast, 'e'.repeat(64));
  const result = await handle.result();
  expect(result.status).toBe('failed');
  expect(result.reason).toMatch(/^planning failed: PlanHashMismatch/);
  expect((await getRun({ db: kit.store.db, tenantId: seeded.tenantId, id: seeded.run.id })).status).toBe('failed');
});

it('cancel: running nodes are interrupted, the rest never run, the run ends canceled and says so', async () => {
  const nodes: NodeSpec[] = [{ id: 'model.p.a' }, { id: 'model.p.forever', deps: ['model.p.a'] }, { id: 'model.p.after', deps: ['model.p.forever'] }];
  const seeded = await seedRun(kit, { nodes });
  const handle = await startRun(kit, seeded, fast);
  await waitFor(() => handle.query(statusQuery), (s) => s.nodes['model.p.forever']?.state === 'running', 20_000);
  await handle.cancel();
  await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
  expect((await handle.describe()).status.name).toBe('CANCELLED');
  const status = await handle.query(statusQuery);
  expect(status.lifecycle).toBe('canceled');
  expect(Object.fromEntries(Object.entries(status.nodes).map(([id, v]) => [id, v.state]))).toEqual({ 'model.p.a': 'success', 'model.p.forever': 'interrupted', 'model.p.after': 'not_run' });
  const rows = await listNodeRuns({ db: kit.store.db, tenantId: seeded.tenantId, runId: seeded.run.id });
  expect(rows.map((r) => r.status).sort()).toEqual(['interrupted', 'not_run', 'success']);
  expect((await historyOf(kit, handle.workflowId)).kinds).toContain('workflowExecutionCanceledEventAttributes');
  await saveHistory(handle, 'planRun-canceled');
});
