// The run routes against a real Temporal dev server and a real worker (the project's workflows, with a
// no-op node activity: dbt is not the point here), on SQLite and PostgreSQL stores, memory and Redis buses.
import { createMemoryBus, createRedisBus, type Bus } from '../../../adapters/bus';
import { createRun } from '../../../store';
import { connectTemporalClient, type TemporalClientHandle } from '../../../temporal/client';
import { temporalConfigSchema } from '../../../temporal/config';
import { installTemporalRuntime } from '../../../temporal/runtime';
import { registerSearchAttributes } from '../../../temporal/searchAttributes';
import type { SluiceWorker } from '../../../temporal/worker';
import { serviceEnv } from '../../support/env';
import { testDatabaseIds } from '../store/testDatabases';
import { startKitWorker } from '../workflows/support/kit';
import { noopExecuteNode, type NoopBehaviour } from '../workflows/support/noopNodes';
import { call, expectProblem, type TestApi } from './harness';
import { countRows, MODEL, readSse, setupProject, SNAPSHOT, startRunsTestApi, tokenFor, until, type Body, type ProjectSetup } from './plansSupport';

jest.setTimeout(120_000);

const FAILING_TEST = 'test.dbt_bigquery_test.unique_test_first_dbt_model_id.f2b0bdd46c';
const behaviours = new Map<string, NoopBehaviour>();

try {
  installTemporalRuntime('WARN');
} catch {
  // already installed in this jest worker
}

describe.each(testDatabaseIds)('API runs on %s', (dbId) => {
  let api: TestApi;
  let temporal: TemporalClientHandle;
  let worker: SluiceWorker;
  let bus: Bus;

  beforeAll(async () => {
    const config = temporalConfigSchema.parse({ address: serviceEnv('SLUICE_TEST_TEMPORAL_ADDRESS'), taskQueue: `api-runs-${dbId}-${process.pid}-${Date.now()}` });
    temporal = await connectTemporalClient(config);
    await registerSearchAttributes(temporal.connection, config.namespace);
    bus = dbId === 'postgres' ? createRedisBus({ url: serviceEnv('SLUICE_TEST_REDIS_URL'), prefix: `sluice-test-${process.pid}-${Date.now()}:` }) : createMemoryBus();
    api = await startRunsTestApi(dbId, { temporal: { client: temporal.client, taskQueue: config.taskQueue, namespace: config.namespace, uiUrl: 'http://127.0.0.1:8233' }, bus });
    worker = await startKitWorker({ config, store: api.store }, { name: `api-runs-${dbId}`, executeNode: noopExecuteNode((id) => behaviours.get(id) ?? 'success') });
  });
  afterAll(async () => {
    await worker?.shutdown();
    await api?.close();
    await bus?.close();
    await temporal?.close();
  });

  const plan = async (p: ProjectSetup, select: string, token = p.token): Promise<Body> =>
    (await call(api, 'POST', `${p.base}/plans`, { token, json: { environmentId: p.environmentId, select } })).body;
  const detail = async (p: ProjectSetup, runId: string, token = p.token): Promise<Body> => (await call(api, 'GET', `${p.base}/runs/${runId}`, { token })).body;
  const ended = (p: ProjectSetup, runId: string) => until(() => detail(p, runId), (d) => ['success', 'warning', 'failed', 'canceled'].includes(d.run.status));

  it('starts a run once per Idempotency-Key, runs it on Temporal, shows per-node results and the Temporal link, lists with filters', async () => {
    const p = await setupProject(api, `runs-happy-${dbId}`);
    const pl = await plan(p, 'test_first_dbt_model');
    const runs = `${p.base}/runs`;
    const first = await call(api, 'POST', runs, { token: p.token, json: { planId: pl.id }, headers: { 'idempotency-key': 'start-1' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: true, run: { planId: pl.id, workflowId: `run/${p.projectId}/${first.body.run.id}`, idempotencyKey: 'start-1' } });
    const retry = await call(api, 'POST', runs, { token: p.token, json: { planId: pl.id }, headers: { 'idempotency-key': 'start-1' } });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ created: false, run: { id: first.body.run.id } });
    const other = await plan(p, 'orders_snapshot');
    expectProblem(await call(api, 'POST', runs, { token: p.token, json: { planId: other.id }, headers: { 'idempotency-key': 'start-1' } }), 409, 'conflict/duplicate');
    expect(await countRows(api, 'runs', p.tenantId)).toBe(1);

    const done = await ended(p, first.body.run.id);
    expect(done.run.status).toBe('success');
    expect(done.planHash).toBe(pl.planHash);
    expect(done.temporalUrl).toBe(`http://127.0.0.1:8233/namespaces/default/workflows/${encodeURIComponent(`run/${p.projectId}/${first.body.run.id}`)}`);
    expect(done.nodes.map((n: Body) => [n.uniqueId, n.status])).toContainEqual([MODEL, 'success']);
    expect(done.nodes).toHaveLength(pl.plan.nodes.length);
    expect(done.live).toMatchObject({ lifecycle: 'success', runId: first.body.run.id });
    // Exactly one workflow ran: one started audit event, one execution of the id.
    const audit = (await call(api, 'GET', `/api/v1/tenants/${p.tenantId}/audit`, { token: p.token })).body.events;
    expect(audit.filter((e: Body) => e.action === 'run.start')).toHaveLength(1);

    const second = (await call(api, 'POST', runs, { token: p.token, json: { planId: other.id, failFast: true } })).body.run;
    await ended(p, second.id);
    const ids = (path: string) => call(api, 'GET', path, { token: p.token }).then((r) => r.body.map((x: Body) => x.id));
    expect(await ids(runs)).toEqual([second.id, first.body.run.id]);
    expect(await ids(`${runs}?planId=${pl.id}`)).toEqual([first.body.run.id]);
    expect(await ids(`${runs}?status=success&limit=1`)).toHaveLength(1);
    expect(await ids(`${runs}?status=failed`)).toEqual([]);
    expect(await ids(`${runs}?environmentId=${p.environmentId}`)).toHaveLength(2);
    // A time window: created at or after createdAfter, before createdBefore (any offset, compared in UTC).
    const firstAt = Date.parse(String(first.body.run.createdAt));
    const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    expect(await ids(`${runs}?createdAfter=${iso(firstAt)}`)).toEqual([second.id, first.body.run.id]);
    expect(await ids(`${runs}?createdAfter=${iso(firstAt + 1)}`)).toEqual([second.id]);
    expect(await ids(`${runs}?createdBefore=${iso(firstAt + 1)}`)).toEqual([first.body.run.id]);
    expect(await ids(`${runs}?createdAfter=${iso(firstAt)}&createdBefore=${iso(firstAt + 1)}&status=success`)).toEqual([first.body.run.id]);
    const plusTwo = new Date(firstAt + 1 + 2 * 3600_000).toISOString().replace('Z', '+02:00');
    expect(await ids(`${runs}?createdBefore=${encodeURIComponent(plusTwo)}`)).toEqual([first.body.run.id]);
    expect(await ids(`${runs}?createdAfter=${iso(Date.now() + 60_000)}`)).toEqual([]);
  });

  it('approvals: checks role, separation of duties and plan hash before signalling; a retried approval counts once; a rejection cancels', async () => {
    const p = await setupProject(api, `runs-approve-${dbId}`, { protected: true, approverRole: 'editor', separationOfDuties: true });
    const editor = await tokenFor(api, p.tenantId, 'editor');
    const viewer = await tokenFor(api, p.tenantId, 'viewer');
    const pl = await plan(p, 'test_first_dbt_model');
    expect(pl.plan.approvals.required).toBe(true);
    const run = (await call(api, 'POST', `${p.base}/runs`, { token: p.token, json: { planId: pl.id } })).body.run;
    const approve = `${p.base}/runs/${run.id}/approve`;
    await until(() => detail(p, run.id), (d) => d.live?.lifecycle === 'awaiting_approval');

    expectProblem(await call(api, 'POST', approve, { token: p.token, json: {} }), 403, 'separation-of-duties');
    expectProblem(await call(api, 'POST', approve, { token: viewer, json: {} }), 403, 'forbidden');
    expectProblem(await call(api, 'POST', approve, { token: editor, json: { planHash: 'a'.repeat(64) } }), 409, 'conflict/plan-hash-mismatch');
    expectProblem(await call(api, 'POST', approve, { token: editor, json: { planHash: 'short' } }), 400, 'invalid-input');
    expect((await detail(p, run.id)).live.approvals.approvedBy).toEqual([]);

    const opts = { token: editor, json: { planHash: pl.planHash, note: 'looks good' }, headers: { 'idempotency-key': 'approve-1' } };
    const [a1, a2] = await Promise.all([call(api, 'POST', approve, opts), call(api, 'POST', approve, opts)]);
    expect(a1.status).toBe(200);
    expect(a1.body).toMatchObject({ runId: run.id, planHash: pl.planHash, counted: true, approvedBy: [expect.stringMatching(/^token:/)], requiredCount: 1 });
    expect(a2.body).toEqual(a1.body);
    expect((await call(api, 'POST', approve, opts)).body).toEqual(a1.body);
    expectProblem(await call(api, 'POST', approve, { ...opts, json: { note: 'other' } }), 409, 'conflict/idempotency-key-reused');
    const done = await ended(p, run.id);
    expect(done.run.status).toBe('success');
    expect(done.live.approvals.approvedBy).toEqual(a1.body.approvedBy);
    expect(done.live.approvals.ignored).toEqual([]);
    const audit = (await call(api, 'GET', `/api/v1/tenants/${p.tenantId}/audit`, { token: p.token })).body.events;
    expect(audit.filter((e: Body) => e.action === 'run.approve').map((e: Body) => e.context)).toEqual([{ planHash: pl.planHash, note: 'looks good', idempotencyKey: 'approve-1' }]);
    expectProblem(await call(api, 'POST', approve, { token: editor, json: {} }), 409, 'conflict/not-awaiting-approval');

    const rejected = (await call(api, 'POST', `${p.base}/runs`, { token: p.token, json: { planId: pl.id } })).body.run;
    await until(() => detail(p, rejected.id), (d) => d.live?.lifecycle === 'awaiting_approval');
    const r = await call(api, 'POST', `${p.base}/runs/${rejected.id}/reject`, { token: editor, json: { note: 'not today' } });
    expect(r.body).toMatchObject({ counted: true });
    const end = await ended(p, rejected.id);
    expect(end.run.status).toBe('canceled');
    expect(end.live.reason).toMatch(/^rejected by token:.*: not today$/);
  });

  it('streams logs (history then live), cancels a running run, reruns from failure once per Idempotency-Key', async () => {
    const p = await setupProject(api, `runs-cancel-${dbId}`);
    behaviours.set(SNAPSHOT, { sleepMs: 600_000 });
    const pl = await plan(p, 'orders_snapshot');
    const run = (await call(api, 'POST', `${p.base}/runs`, { token: p.token, json: { planId: pl.id } })).body.run;
    await until(() => detail(p, run.id), (d) => d.live?.nodes?.[SNAPSHOT]?.state === 'running');
    const topic = `run:${run.id}:logs`;
    await bus.publish(topic, { uniqueId: SNAPSHOT, msg: 'first line' });
    const logs = `${api.url}${p.base}/runs/${run.id}/logs`;
    const stream = await readSse(logs, p.token, async (e, all) => {
      if (all.length === 1) {
        expect(JSON.parse(e.data)).toEqual({ uniqueId: SNAPSHOT, msg: 'first line' });
        await bus.publish(topic, { uniqueId: SNAPSHOT, msg: 'live line' });
      }
      if (all.length === 2) {
        const c = await call(api, 'POST', `${p.base}/runs/${run.id}/cancel`, { token: p.token, json: { reason: 'enough' } });
        expect(c.status).toBe(202);
      }
    });
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    expect(stream.events.map((e) => e.event)).toEqual(['log', 'log', 'end']);
    expect(JSON.parse(stream.events[1]?.data ?? '')).toEqual({ uniqueId: SNAPSHOT, msg: 'live line' });
    expect(JSON.parse(stream.events[2]?.data ?? '')).toEqual({ runId: run.id, status: 'canceled' });
    // History only, resumed after the first line.
    const resumed = await readSse(`${logs}?follow=false`, p.token, undefined, { 'last-event-id': stream.events[0]?.id ?? '' });
    expect(resumed.events.map((e) => e.event)).toEqual(['log', 'end']);
    expectProblem(await call(api, 'POST', `${p.base}/runs/${run.id}/cancel`, { token: p.token }), 409, 'conflict/run-finished');
    expect((await detail(p, run.id)).nodes.map((n: Body) => n.status)).toEqual(['interrupted']);
    behaviours.delete(SNAPSHOT);

    behaviours.set(FAILING_TEST, 'fail');
    const failing = await plan(p, 'test_first_dbt_model');
    const failed = (await call(api, 'POST', `${p.base}/runs`, { token: p.token, json: { planId: failing.id } })).body.run;
    expect((await ended(p, failed.id)).run.status).toBe('failed');
    behaviours.delete(FAILING_TEST);
    const rerunPath = `${p.base}/runs/${failed.id}/rerun`;
    const r1 = await call(api, 'POST', rerunPath, { token: p.token, headers: { 'idempotency-key': 'rerun-1' } });
    expect(r1.status).toBe(201);
    expect(r1.body.plan.plan.nodes.map((n: Body) => n.uniqueId)).toEqual([FAILING_TEST]);
    const r2 = await call(api, 'POST', rerunPath, { token: p.token, headers: { 'idempotency-key': 'rerun-1' } });
    expect(r2.status).toBe(200);
    expect(r2.body).toMatchObject({ created: false, run: { id: r1.body.run.id }, plan: { id: r1.body.plan.id } });
    expect((await ended(p, r1.body.run.id)).run.status).toBe('success');
    expectProblem(await call(api, 'POST', `${p.base}/runs/${r1.body.run.id}/rerun`, { token: p.token }), 409, 'conflict/nothing-to-rerun');
    const audit = (await call(api, 'GET', `/api/v1/tenants/${p.tenantId}/audit`, { token: p.token })).body.events.map((e: Body) => e.action);
    expect(audit.filter((a: string) => a === 'run.rerun')).toHaveLength(1);
    expect(audit).toContain('run.cancel');
  });

  it('answers bad input with problem+json and stores nothing; never crosses tenants', async () => {
    const a = await setupProject(api, `runs-a-${dbId}`);
    const b = await setupProject(api, `runs-b-${dbId}`);
    const runs = `${a.base}/runs`;
    expectProblem(await call(api, 'POST', runs, { token: a.token, json: { planId: 'nope' } }), 400, 'invalid-input');
    expectProblem(await call(api, 'POST', runs, { token: a.token, json: { planId: '00000000-0000-4000-8000-000000000000' } }), 404, 'not-found');
    const pl = await plan(a, 'test_first_dbt_model');
    expectProblem(await call(api, 'POST', runs, { token: a.token, json: { planId: pl.id, concurrency: 0 } }), 400, 'invalid-input');
    expectProblem(await call(api, 'POST', runs, { token: a.token, json: { planId: pl.id }, headers: { 'idempotency-key': 'x'.repeat(201) } }), 400, 'invalid-input');
    expectProblem(await call(api, 'GET', `${runs}?status=bogus`, { token: a.token }), 400, 'invalid-input');
    expectProblem(await call(api, 'GET', `${runs}?createdAfter=yesterday`, { token: a.token }), 400, 'invalid-input');
    expectProblem(await call(api, 'GET', `${runs}?createdAfter=2026-11-23T10:00:00Z&createdBefore=2026-11-23T09:00:00Z`, { token: a.token }), 400, 'invalid-input');
    const viewer = await tokenFor(api, a.tenantId, 'viewer');
    expectProblem(await call(api, 'POST', runs, { token: viewer, json: { planId: pl.id } }), 403, 'forbidden');
    expect(await countRows(api, 'runs', a.tenantId)).toBe(0);

    const run = (await call(api, 'POST', runs, { token: a.token, json: { planId: pl.id } })).body.run;
    await ended(a, run.id);
    expectProblem(await call(api, 'POST', `${runs}/${run.id}/approve`, { token: a.token, json: {} }), 409, 'conflict/no-approval-required');
    expectProblem(await call(api, 'POST', `${runs}/${run.id}/approve`, { token: a.token, json: { extra: 1 } }), 400, 'invalid-input');
    expectProblem(await call(api, 'POST', `${runs}/${run.id}/rerun`, { token: a.token }), 409, 'conflict/nothing-to-rerun');
    const bOnA = `/api/v1/tenants/${b.tenantId}/projects/${a.projectId}/runs`;
    const denied: Array<[string, string, unknown?]> = [];
    for (const base of [runs, bOnA, `${b.base}/runs`]) {
      denied.push(
        ['POST', base, { planId: pl.id }], ['GET', `${base}/${run.id}`], ['POST', `${base}/${run.id}/approve`, {}], ['POST', `${base}/${run.id}/reject`, {}],
        ['POST', `${base}/${run.id}/cancel`, {}], ['POST', `${base}/${run.id}/rerun`], ['GET', `${base}/${run.id}/logs?follow=false`],
      );
    }
    denied.push(['GET', runs], ['GET', bOnA]);
    for (const [method, path, json] of denied) {
      const res = await call(api, method, path, { token: b.token, json });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      expectProblem(res, 404, 'not-found');
    }
    expect((await call(api, 'GET', `${b.base}/runs`, { token: b.token })).body).toEqual([]);
    expect(await countRows(api, 'runs', b.tenantId)).toBe(0);
    expect(await countRows(api, 'runs', a.tenantId)).toBe(1);
  });
});

describe('API runs without Temporal or a bus', () => {
  it('answers 503 problem+json on every route that needs them and stores nothing; reading still works', async () => {
    const api = await startRunsTestApi('sqlite');
    try {
      const p = await setupProject(api, 'no-temporal');
      const pl = (await call(api, 'POST', `${p.base}/plans`, { token: p.token, json: { environmentId: p.environmentId } })).body;
      expectProblem(await call(api, 'POST', `${p.base}/runs`, { token: p.token, json: { planId: pl.id } }), 503, 'temporal-unavailable');
      expect(await countRows(api, 'runs', p.tenantId)).toBe(0);
      expect((await call(api, 'GET', `${p.base}/runs`, { token: p.token })).body).toEqual([]);
      const { run } = await createRun({ db: api.store.db, tenantId: p.tenantId, planId: pl.id, requestedBy: 'x' });
      for (const action of ['approve', 'reject', 'cancel', 'rerun']) {
        expectProblem(await call(api, 'POST', `${p.base}/runs/${run.id}/${action}`, { token: p.token, json: action === 'rerun' ? undefined : {} }), 503, 'temporal-unavailable');
      }
      expectProblem(await call(api, 'GET', `${p.base}/runs/${run.id}/logs`, { token: p.token }), 503, 'logs-unavailable');
      expect((await call(api, 'GET', `${p.base}/runs/${run.id}`, { token: p.token })).body).toMatchObject({ run: { id: run.id }, temporalUrl: null, live: null, nodes: [] });
      expect(await countRows(api, 'runs', p.tenantId)).toBe(1);
      expect((await call(api, 'GET', `/api/v1/tenants/${p.tenantId}/audit`, { token: p.token })).body.events.map((e: Body) => e.action)).toEqual(['plan.create']);
    } finally {
      await api.close();
    }
  });
});
