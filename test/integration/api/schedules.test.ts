// Schedules against a real Temporal dev server and a real worker (the scheduled-run workflow plans with
// the API's own builder; nodes are a no-op), on SQLite and PostgreSQL stores.
import type { ScheduleDescription } from '@temporalio/client';
import { describeTemporalSchedule, temporalScheduleId } from '../../../temporal/schedules';
import { testDatabaseIds } from '../store/testDatabases';
import { call, expectProblem } from './harness';
import { countRows, MODEL, setupProject, startRunsTestApi, tokenFor, until, type Body, type ProjectSetup } from './plansSupport';
import { startScheduleTestEnv, type ScheduleTestEnv } from './schedulesSupport';

jest.setTimeout(180_000);

const ENDED = ['success', 'warning', 'failed', 'canceled'];

describe.each(testDatabaseIds)('API schedules on %s', (dbId) => {
  let env: ScheduleTestEnv;

  beforeAll(async () => {
    env = await startScheduleTestEnv(dbId, 'api-schedules');
  });
  afterAll(async () => {
    await env?.close();
  });

  const create = async (p: ProjectSetup, body: Record<string, unknown>, token = p.token) => {
    const res = await call(env.api, 'POST', `${p.base}/schedules`, { token, json: { environmentId: p.environmentId, ...body } });
    if (res.status === 201) env.track(p.tenantId, res.body.id);
    return res;
  };
  const describeIt = (p: ProjectSetup, id: string): Promise<ScheduleDescription | null> => describeTemporalSchedule(env.temporal.client, p.tenantId, id);
  const scheduledRuns = async (p: ProjectSetup, id: string): Promise<Body[]> =>
    ((await call(env.api, 'GET', `${p.base}/runs?limit=200`, { token: p.token })).body as Body[]).filter((r) => r.requestedBy === `schedule:${id}`);

  it('creates a cron schedule in Temporal (spec, time zone, overlap, action, search attributes), lists and shows it, updates it', async () => {
    const p = await setupProject(env.api, `sched-create-${dbId}`);
    const res = await create(p, { name: 'nightly', cron: '30 3 * * 1-5', timeZone: 'Europe/Paris', overlap: 'buffer_all', select: 'test_first_dbt_model+', exclude: 'orders_snapshot' });
    expect(res.status).toBe(201);
    const s = res.body;
    expect(s).toMatchObject({
      name: 'nightly', environmentId: p.environmentId, cron: '30 3 * * 1-5', interval: null, timeZone: 'Europe/Paris', overlap: 'buffer_all',
      select: 'test_first_dbt_model+', exclude: 'orders_snapshot', selector: null, paused: false, temporalScheduleId: `schedule/${p.tenantId}/${s.id}`,
    });

    const d = await describeIt(p, s.id);
    expect(d).not.toBeNull();
    expect(d?.scheduleId).toBe(temporalScheduleId(p.tenantId, s.id));
    expect(d?.spec.timezone).toBe('Europe/Paris');
    expect(d?.spec.calendars).toHaveLength(1);
    expect(d?.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }], dayOfWeek: [{ start: 'MONDAY', end: 'FRIDAY', step: 1 }] });
    expect(d?.policies.overlap).toBe('BUFFER_ALL');
    expect(d?.state.paused).toBe(false);
    expect(d?.action).toMatchObject({ type: 'startWorkflow', workflowType: 'scheduledPlanRunWorkflow', workflowId: `schedule/${p.tenantId}/${s.id}`, taskQueue: env.config.taskQueue });
    expect(d?.action.args).toEqual([{ tenantId: p.tenantId, projectId: p.projectId, scheduleId: s.id, environmentId: p.environmentId, select: 'test_first_dbt_model+', exclude: 'orders_snapshot', selector: null }]);
    expect(d?.memo).toMatchObject({ tenantId: p.tenantId, projectId: p.projectId, environmentId: p.environmentId, name: 'nightly' });
    expect(d?.searchAttributes).toMatchObject({ SluiceTenant: [p.tenantId], SluiceProject: [p.projectId], SluiceEnvironment: [p.environmentId] });

    const list = await call(env.api, 'GET', `${p.base}/schedules`, { token: p.token });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([s]);
    const shown = await call(env.api, 'GET', `${p.base}/schedules/${s.id}`, { token: await tokenFor(env.api, p.tenantId, 'viewer') });
    expect(shown.status).toBe(200);
    expect(shown.body.temporal).toMatchObject({ paused: false, overlap: 'buffer_all', timeZone: 'Europe/Paris', numActionsTaken: 0 });
    expect(shown.body.temporal.nextActionTimes.length).toBeGreaterThan(0);

    // Update: an interval replaces the cron expression; the overlap policy and name change; the rest stays.
    const updated = await call(env.api, 'PATCH', `${p.base}/schedules/${s.id}`, { token: p.token, json: { name: 'hourly', interval: { everySeconds: 3600, offsetSeconds: 300 }, overlap: 'skip' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'hourly', cron: null, interval: { everySeconds: 3600, offsetSeconds: 300 }, overlap: 'skip', timeZone: 'Europe/Paris', select: 'test_first_dbt_model+' });
    const d2 = await describeIt(p, s.id);
    expect(d2?.spec.intervals).toEqual([{ every: 3_600_000, offset: 300_000 }]);
    expect(d2?.spec.calendars ?? []).toHaveLength(0);
    expect(d2?.policies.overlap).toBe('SKIP');
    expect(await countRows(env.api, 'schedules', p.tenantId)).toBe(1);
    expectProblem(await create(p, { name: 'hourly', cron: '@daily' }), 409, 'conflict/duplicate');
    expect(await countRows(env.api, 'schedules', p.tenantId)).toBe(1);
  });

  it('trigger now starts a scheduled run: it builds a plan at the scheduled time and runs it as planRunWorkflow to success', async () => {
    const p = await setupProject(env.api, `sched-trigger-${dbId}`);
    const s = (await create(p, { name: 'now', cron: '0 4 * * *', select: 'test_first_dbt_model' })).body;
    const trig = await call(env.api, 'POST', `${p.base}/schedules/${s.id}/trigger`, { token: p.token, json: {} });
    expect(trig.status).toBe(202);
    expect(trig.body).toEqual({ scheduleId: s.id, overlap: 'skip' });

    const runs = await until(() => scheduledRuns(p, s.id), (r) => r.length === 1 && ENDED.includes(r[0].status));
    expect(runs).toHaveLength(1);
    const run = runs[0];
    expect(run).toMatchObject({ status: 'success', environmentId: p.environmentId, workflowId: `run/${p.projectId}/${run.id}` });
    const detail = (await call(env.api, 'GET', `${p.base}/runs/${run.id}`, { token: p.token })).body;
    expect(detail.nodes.map((n: Body) => [n.uniqueId, n.status])).toContainEqual([MODEL, 'success']);
    const plan = (await call(env.api, 'GET', `${p.base}/plans/${run.planId}`, { token: p.token })).body;
    expect(plan).toMatchObject({ createdBy: `schedule:${s.id}`, plan: { selection: { select: 'test_first_dbt_model' }, approvals: { requestedBy: `schedule:${s.id}` } } });

    // Temporal shows the action and its child run; the scheduled workflow ended with the run's result.
    const d = await describeIt(p, s.id);
    expect(d?.info.numActionsTaken).toBe(1);
    const action = d?.info.recentActions[0]?.action.workflow.workflowId ?? '';
    expect(action.startsWith(`schedule/${p.tenantId}/${s.id}-`)).toBe(true);
    const result = await env.temporal.client.workflow.getHandle(action).result();
    expect(result).toMatchObject({ runId: run.id, planId: run.planId, planHash: plan.planHash, run: { status: 'success' } });
    expect(plan.plan.createdAt).toBe(result.scheduledAt);
    const audit = (await call(env.api, 'GET', `/api/v1/tenants/${p.tenantId}/audit`, { token: p.token })).body.events as Body[];
    expect(audit.filter((e) => e.actor === `schedule:${s.id}`).map((e) => e.action)).toEqual(['plan.create', 'run.start']);
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['schedule.create', 'schedule.trigger']));
  });

  it('pause and unpause are reflected in Temporal (with the note) and in the store', async () => {
    const p = await setupProject(env.api, `sched-pause-${dbId}`);
    const s = (await create(p, { name: 'p', interval: { everySeconds: 86_400 } })).body;
    const paused = await call(env.api, 'POST', `${p.base}/schedules/${s.id}/pause`, { token: p.token, json: { note: 'warehouse maintenance' } });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ paused: true, temporal: { paused: true, note: 'warehouse maintenance' } });
    expect((await describeIt(p, s.id))?.state).toMatchObject({ paused: true, note: 'warehouse maintenance' });
    expect((await call(env.api, 'GET', `${p.base}/schedules`, { token: p.token })).body[0].paused).toBe(true);
    const unpaused = await call(env.api, 'POST', `${p.base}/schedules/${s.id}/unpause`, { token: p.token });
    expect(unpaused.status).toBe(200);
    expect(unpaused.body).toMatchObject({ paused: false, temporal: { paused: false } });
    expect((await describeIt(p, s.id))?.state.paused).toBe(false);
    expect((await call(env.api, 'GET', `${p.base}/schedules`, { token: p.token })).body[0].paused).toBe(false);
    // Created paused: paused in Temporal from the start.
    const born = (await create(p, { name: 'born-paused', cron: '@hourly', paused: true, note: 'not yet' })).body;
    expect(born.paused).toBe(true);
    expect((await describeIt(p, born.id))?.state).toMatchObject({ paused: true, note: 'not yet' });
  });

  it('backfill over a 3-interval window takes 3 actions (buffered one after another under buffer_all), each a run at its scheduled time', async () => {
    const p = await setupProject(env.api, `sched-backfill-${dbId}`);
    const s = (await create(p, { name: 'bf', interval: { everySeconds: 3600 }, overlap: 'buffer_all', select: 'test_first_dbt_model' })).body;
    const res = await call(env.api, 'POST', `${p.base}/schedules/${s.id}/backfill`, { token: p.token, json: { start: '2025-01-01T00:30:00Z', end: '2025-01-01T03:30:00Z' } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ scheduleId: s.id, overlap: 'buffer_all', start: '2025-01-01T00:30:00.000Z', end: '2025-01-01T03:30:00.000Z' });
    const runs = await until(() => scheduledRuns(p, s.id), (r) => r.length === 3 && r.every((x) => ENDED.includes(x.status)), 90_000);
    expect(runs.map((r) => r.status)).toEqual(['success', 'success', 'success']);
    const times = await Promise.all(runs.map(async (r) => (await call(env.api, 'GET', `${p.base}/plans/${r.planId}`, { token: p.token })).body.plan.createdAt as string));
    expect(times.sort()).toEqual(['2025-01-01T01:00:00.000Z', '2025-01-01T02:00:00.000Z', '2025-01-01T03:00:00.000Z']);
    // buffer_all: one at a time, so no run started before the previous one ended.
    const byStart = [...runs].sort((a, b) => String(a.startedAt).localeCompare(String(b.startedAt)));
    for (let i = 1; i < byStart.length; i++) expect(byStart[i].createdAt >= byStart[i - 1].finishedAt).toBe(true);
  });

  it('delete removes the schedule from Temporal and the store', async () => {
    const p = await setupProject(env.api, `sched-delete-${dbId}`);
    const s = (await create(p, { name: 'gone', cron: '0 5 * * *' })).body;
    expectProblem(await call(env.api, 'DELETE', `${p.base}/schedules/${s.id}`, { token: await tokenFor(env.api, p.tenantId, 'editor') }), 403, 'forbidden');
    const res = await call(env.api, 'DELETE', `${p.base}/schedules/${s.id}`, { token: p.token });
    expect(res.status).toBe(204);
    expect(await describeIt(p, s.id)).toBeNull();
    expect((await call(env.api, 'GET', `${p.base}/schedules`, { token: p.token })).body).toEqual([]);
    expectProblem(await call(env.api, 'GET', `${p.base}/schedules/${s.id}`, { token: p.token }), 404, 'not-found');
    expectProblem(await call(env.api, 'DELETE', `${p.base}/schedules/${s.id}`, { token: p.token }), 404, 'not-found');
  });

  it('refuses bad input with 400 problem+json and creates nothing, in the store or in Temporal', async () => {
    const p = await setupProject(env.api, `sched-bad-${dbId}`);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ name: 'b', cron: '0 3 * * *', interval: { everySeconds: 60 } }, 'invalid-input'],
      [{ name: 'b' }, 'invalid-input'],
      [{ name: 'b', cron: '0 3 * * *', timeZone: 'Mars/Olympus' }, 'invalid-input'],
      [{ name: 'b', cron: '0 3 * * *', timeZone: '+02:00' }, 'invalid-input'],
      [{ name: 'b', cron: '0 3 * * *', overlap: 'sometimes' }, 'invalid-input'],
      [{ name: 'b', cron: 'every day' }, 'invalid-input'],
      [{ name: 'b', interval: { everySeconds: 60, offsetSeconds: 60 } }, 'invalid-input'],
      [{ name: 'b', cron: '0 3 * * *', selector: 'nightly', select: 'x' }, 'invalid-input'],
      [{ name: 'b', cron: '0 3 * * *', select: 'nosuchmethod:x' }, 'invalid-selector'],
      // Well-formed but out of range: Temporal's own check refuses it and the row is rolled back.
      [{ name: 'b', cron: '99 3 * * *' }, 'invalid-input'],
    ];
    for (const [body, type] of bad) {
      const res = await create(p, body);
      expectProblem(res, 400, type);
    }
    expectProblem(await create(p, { name: 'b', cron: '@daily', environmentId: '00000000-0000-4000-8000-000000000000' }), 404, 'not-found');
    expect(await countRows(env.api, 'schedules', p.tenantId)).toBe(0);
    const inTemporal: string[] = [];
    for await (const sch of env.temporal.client.schedule.list({ query: `SluiceTenant = "${p.tenantId}"` })) inTemporal.push(sch.scheduleId);
    expect(inTemporal).toEqual([]);

    // Bad changes and bad requests on an existing schedule change nothing either.
    const s = (await create(p, { name: 'ok', cron: '0 3 * * *' })).body;
    const path = `${p.base}/schedules/${s.id}`;
    expectProblem(await call(env.api, 'PATCH', path, { token: p.token, json: { cron: '0 3 * * *', interval: { everySeconds: 60 } } }), 400, 'invalid-input');
    expectProblem(await call(env.api, 'PATCH', path, { token: p.token, json: { timeZone: 'Nowhere/Land' } }), 400, 'invalid-input');
    expectProblem(await call(env.api, 'PATCH', path, { token: p.token, json: { cron: '0 99 * * *' } }), 400, 'invalid-input');
    expectProblem(await call(env.api, 'POST', `${path}/backfill`, { token: p.token, json: { start: '2025-01-02T00:00:00Z', end: '2025-01-01T00:00:00Z' } }), 400, 'invalid-input');
    expectProblem(await call(env.api, 'POST', `${path}/trigger`, { token: p.token, json: { overlap: 'never' } }), 400, 'invalid-input');
    expect((await call(env.api, 'GET', path, { token: p.token })).body).toMatchObject({ cron: '0 3 * * *', timeZone: 'UTC', temporal: { numActionsTaken: 0 } });
    expect((await describeIt(p, s.id))?.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }] });
  });

  it('denies every route across tenants with 404, and changes nothing', async () => {
    const p = await setupProject(env.api, `sched-a-${dbId}`);
    const other = await setupProject(env.api, `sched-b-${dbId}`);
    const s = (await create(p, { name: 'mine', cron: '0 6 * * *' })).body;
    const path = `${p.base}/schedules/${s.id}`;
    const routes: Array<[string, string, unknown]> = [
      ['GET', `${p.base}/schedules`, undefined],
      ['POST', `${p.base}/schedules`, { name: 'x', cron: '@daily', environmentId: p.environmentId }],
      ['GET', path, undefined],
      ['PATCH', path, { name: 'stolen' }],
      ['POST', `${path}/pause`, {}],
      ['POST', `${path}/unpause`, {}],
      ['POST', `${path}/trigger`, {}],
      ['POST', `${path}/backfill`, { start: '2025-01-01T00:00:00Z', end: '2025-01-02T00:00:00Z' }],
      ['DELETE', path, undefined],
    ];
    for (const [method, route, json] of routes) {
      expectProblem(await call(env.api, method, route, { token: other.token, ...(json !== undefined ? { json } : {}) }), 404, 'not-found');
    }
    // The other tenant's project path with this tenant's schedule id: still 404.
    expectProblem(await call(env.api, 'GET', `${other.base}/schedules/${s.id}`, { token: other.token }), 404, 'not-found');
    expectProblem(await call(env.api, 'POST', `${other.base}/schedules/${s.id}/trigger`, { token: other.token, json: {} }), 404, 'not-found');
    const d = await describeIt(p, s.id);
    expect(d).toMatchObject({ state: { paused: false }, info: { numActionsTaken: 0 }, memo: { name: 'mine' } });
    expect(await countRows(env.api, 'schedules', p.tenantId)).toBe(1);
    expect(await countRows(env.api, 'schedules', other.tenantId)).toBe(0);
    expectProblem(await call(env.api, 'POST', `${p.base}/schedules`, { token: await tokenFor(env.api, p.tenantId, 'viewer'), json: { name: 'v', cron: '@daily', environmentId: p.environmentId } }), 403, 'forbidden');
  });

  it('answers 503 temporal-unavailable for changes when the API has no Temporal; listing still works', async () => {
    const bare = await startRunsTestApi(dbId);
    try {
      const p = await setupProject(bare, `sched-bare-${dbId}`);
      expectProblem(await call(bare, 'POST', `${p.base}/schedules`, { token: p.token, json: { name: 'x', cron: '@daily', environmentId: p.environmentId } }), 503, 'temporal-unavailable');
      expect(await countRows(bare, 'schedules', p.tenantId)).toBe(0);
      expect((await call(bare, 'GET', `${p.base}/schedules`, { token: p.token })).body).toEqual([]);
      expectProblem(await call(bare, 'POST', `${p.base}/schedules/00000000-0000-4000-8000-000000000000/trigger`, { token: p.token, json: {} }), 503, 'temporal-unavailable');
    } finally {
      await bare.close();
    }
  });
});
