// GET …/run-trends against the real store on SQLite and PostgreSQL: runs, node runs and plans are
// stored through the store's operations at chosen times, and the buckets, percentiles, costs,
// filters, tenant scoping and problem answers are checked. No Temporal: reading runs needs none.
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPlan, createRun, recordNodeRun, updateRunStatus, type RunStatus, type Store } from '../../../store';
import { testDatabaseIds } from '../store/testDatabases';
import { call, expectProblem, type TestApi } from './harness';
import { lineageTarget, setupProject, startRunsTestApi, tokenFor, type Body, type ProjectSetup } from './plansSupport';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const PROD = { costRatePerHour: 36 }; // 0.01 per node-second
const DEV = { costRatePerHour: 7.2 }; // 0.002 per node-second

/** Midnight UTC `daysAgo` days before today, plus `hours`. */
const at = (daysAgo: number, hours = 1): Date => new Date(Math.floor(Date.now() / DAY) * DAY - daysAgo * DAY + hours * 3_600_000);
const dayKey = (daysAgo: number): string => at(daysAgo).toISOString().slice(0, 10);

interface Seed {
  readonly planId: string;
  readonly createdAt: Date;
  /** The statuses after `queued`, in order; `running` starts after 10 s, the end comes `seconds` later. */
  readonly path: readonly RunStatus[];
  readonly seconds?: number;
  /** Node attempts: [unique_id, attempt, execution seconds]. */
  readonly nodes?: ReadonlyArray<readonly [string, number, number]>;
}

async function seedRun(store: Store, tenantId: string, s: Seed): Promise<string> {
  const { run } = await createRun({ db: store.db, tenantId, planId: s.planId, requestedBy: 'trends-test', now: s.createdAt });
  const started = s.createdAt.getTime() + 10_000;
  for (const status of s.path) {
    const time = status === 'running' ? started : ['success', 'warning', 'failed', 'canceled'].includes(status) && s.path.includes('running') ? started + (s.seconds ?? 0) * 1000 : s.createdAt.getTime();
    await updateRunStatus({ db: store.db, tenantId, id: run.id, status, now: new Date(time) });
  }
  for (const [uniqueId, attempt, seconds] of s.nodes ?? []) {
    await recordNodeRun({
      db: store.db,
      nodeRun: {
        tenantId, runId: run.id, uniqueId, nodeUuid: randomUUID(), attempt, status: 'success', startedAt: new Date(started).toISOString(),
        completedAt: new Date(started + seconds * 1000).toISOString(), executionTime: seconds, adapterResponse: {}, message: null,
      },
    });
  }
  return run.id;
}

/** A stored plan whose body carries only what the trends read (the store treats bodies as opaque). */
async function seedPlan(store: Store, p: { tenantId: string; versionId: string }, environmentId: string, label: string, rate: number, estimatedCost: number): Promise<string> {
  const body = { formatVersion: 1, settings: { costRatePerHour: rate }, totals: { estimatedCost } };
  const planHash = createHash('sha256').update(`${p.tenantId}/${label}`).digest('hex');
  return (await createPlan({ db: store.db, tenantId: p.tenantId, environmentId, versionId: p.versionId, planHash, body, createdBy: 'trends-test' })).id;
}

/** A second project (own environment and version) in the same tenant. */
async function secondProject(api: TestApi, p: ProjectSetup): Promise<{ projectId: string; environmentId: string; versionId: string }> {
  const t = `/api/v1/tenants/${p.tenantId}`;
  const org = (await call(api, 'GET', `${t}/orgs`, { token: p.token })).body[0];
  const project = (await call(api, 'POST', `${t}/projects`, { token: p.token, json: { orgId: org.id, slug: 'p2', name: 'P2' } })).body;
  const env = (await call(api, 'POST', `${t}/projects/${project.id}/environments`, { token: p.token, json: { name: 'prod', target: 'prod', settings: PROD } })).body;
  const form = new FormData();
  form.append('files', new Blob([await readFile(join(lineageTarget, 'manifest.json'))]), 'manifest.json');
  const version = (await call(api, 'POST', `${t}/projects/${project.id}/versions`, { token: p.token, form })).body.version;
  return { projectId: project.id, environmentId: env.id, versionId: version.id };
}

const ZERO = {
  runs: 0, succeeded: 0, warned: 0, failed: 0, canceled: 0, inProgress: 0,
  successRate: null, p50DurationSeconds: null, p95DurationSeconds: null, nodeSeconds: 0, estimatedCost: 0, actualCost: 0,
};

describe.each(testDatabaseIds)('API run trends on %s', (dbId) => {
  let api: TestApi;
  let a: ProjectSetup;
  let b: ProjectSetup;
  let devId: string;
  let otherProjectEnvId: string;

  beforeAll(async () => {
    api = await startRunsTestApi(dbId);
    a = await setupProject(api, `trends-a-${dbId}`, PROD);
    b = await setupProject(api, `trends-b-${dbId}`, PROD);
    devId = (await call(api, 'POST', `${a.base}/environments`, { token: a.token, json: { name: 'dev', target: 'dev', settings: DEV } })).body.id;
    const store = api.store;
    const prodPlan = await seedPlan(store, a, a.environmentId, 'prod', PROD.costRatePerHour, 0.5);
    const devPlan = await seedPlan(store, a, devId, 'dev', DEV.costRatePerHour, 0.1);
    const X = 'model.x';
    const Y = 'model.y';
    // Today: a success (60 s; X failed once then passed: both attempts cost), a failure (120 s), one waiting.
    await seedRun(store, a.tenantId, { planId: prodPlan, createdAt: at(0, 0.5), path: ['planning', 'running', 'success'], seconds: 60, nodes: [[X, 1, 15], [X, 2, 25], [Y, 1, 20]] });
    await seedRun(store, a.tenantId, { planId: prodPlan, createdAt: at(0, 0.75), path: ['planning', 'running', 'failed'], seconds: 120, nodes: [[Y, 1, 30]] });
    await seedRun(store, a.tenantId, { planId: prodPlan, createdAt: at(0, 0.9), path: ['planning', 'awaiting_approval'] });
    // Yesterday: canceled before it ran (its estimate is not counted), and a dev success (30 s).
    await seedRun(store, a.tenantId, { planId: prodPlan, createdAt: at(1, 3), path: ['canceled'] });
    await seedRun(store, a.tenantId, { planId: devPlan, createdAt: at(1, 23.99), path: ['planning', 'running', 'success'], seconds: 30, nodes: [[X, 1, 50]] });
    // Six days ago: a warning (300 s). Forty days ago: a success only a 90-day window sees.
    await seedRun(store, a.tenantId, { planId: prodPlan, createdAt: at(6, 0), path: ['planning', 'running', 'warning'], seconds: 300, nodes: [[X, 1, 100]] });
    await seedRun(store, a.tenantId, { planId: prodPlan, createdAt: at(40), path: ['planning', 'running', 'success'], seconds: 10, nodes: [[X, 1, 10]] });
    // Another tenant's run today and another project's run today, with big numbers: never counted for project a.
    const bPlan = await seedPlan(store, b, b.environmentId, 'b', 3600, 1000);
    await seedRun(store, b.tenantId, { planId: bPlan, createdAt: at(0, 0.6), path: ['planning', 'running', 'failed'], seconds: 5000, nodes: [[X, 1, 5000]] });
    await seedRun(store, b.tenantId, { planId: bPlan, createdAt: at(0, 0.7), path: ['planning', 'awaiting_approval'] });
    const other = await secondProject(api, a);
    otherProjectEnvId = other.environmentId;
    const otherPlan = await seedPlan(store, { tenantId: a.tenantId, versionId: other.versionId }, other.environmentId, 'other', 3600, 1000);
    await seedRun(store, a.tenantId, { planId: otherPlan, createdAt: at(0, 0.6), path: ['planning', 'running', 'failed'], seconds: 5000, nodes: [[X, 1, 5000]] });
    await seedRun(store, a.tenantId, { planId: otherPlan, createdAt: at(0, 0.7), path: ['planning', 'awaiting_approval'] });
  });
  afterAll(async () => {
    await api?.close();
  });

  const trends = async (query = '', p: ProjectSetup = a, token = p.token): Promise<Body> => {
    const res = await call(api, 'GET', `${p.base}/run-trends${query}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('buckets every UTC day of the window, oldest first, with outcomes, percentiles, node-seconds and both costs', async () => {
    const t = await trends('?days=7');
    expect(t).toMatchObject({ projectId: a.projectId, environmentId: null, days: 7, from: dayKey(6), to: dayKey(0), awaitingApproval: 1 });
    expect(t.buckets.map((x: Body) => x.day)).toEqual([6, 5, 4, 3, 2, 1, 0].map(dayKey));
    const [six, five, four, three, two, one, today] = t.buckets;
    expect(today).toEqual({
      day: dayKey(0), runs: 3, succeeded: 1, warned: 0, failed: 1, canceled: 0, inProgress: 1,
      successRate: 0.5, p50DurationSeconds: 60, p95DurationSeconds: 120,
      // 15 + 25 + 20 + 30 node-seconds at 0.01; estimates of the two runs that started.
      nodeSeconds: 90, estimatedCost: 1, actualCost: 0.9,
    });
    expect(one).toEqual({
      day: dayKey(1), runs: 2, succeeded: 1, warned: 0, failed: 0, canceled: 1, inProgress: 0,
      successRate: 1, p50DurationSeconds: 30, p95DurationSeconds: 30, nodeSeconds: 50, estimatedCost: 0.1, actualCost: 0.1,
    });
    for (const [key, bucket] of [[5, five], [4, four], [3, three], [2, two]] as const) expect(bucket).toEqual({ day: dayKey(key), ...ZERO });
    expect(six).toMatchObject({ runs: 1, warned: 1, successRate: 1, p50DurationSeconds: 300, nodeSeconds: 100, estimatedCost: 0.5, actualCost: 1 });
    // Durations 30, 60, 120, 300: nearest-rank p50 is the 2nd, p95 the 4th; canceled runs are not in the rate.
    expect(t.totals).toEqual({
      runs: 6, succeeded: 2, warned: 1, failed: 1, canceled: 1, inProgress: 1,
      successRate: 0.75, p50DurationSeconds: 60, p95DurationSeconds: 300, nodeSeconds: 240, estimatedCost: 1.6, actualCost: 2,
    });
  });

  it('defaults to 30 days, reaches back 90, and filters by environment (the waiting count too)', async () => {
    const d30 = await trends();
    expect(d30.days).toBe(30);
    expect(d30.buckets).toHaveLength(30);
    expect(d30.totals.runs).toBe(6);
    const d90 = await trends('?days=90');
    expect(d90.buckets).toHaveLength(90);
    expect(d90.buckets[0].day).toBe(dayKey(89));
    expect(d90.totals).toMatchObject({ runs: 7, succeeded: 3, nodeSeconds: 250 });
    expect(d90.buckets.find((x: Body) => x.day === dayKey(40))).toMatchObject({ runs: 1, succeeded: 1, p50DurationSeconds: 10 });

    // docs/api.md's example.
    expect((await trends('?days=2')).totals).toEqual({
      runs: 5, succeeded: 2, warned: 0, failed: 1, canceled: 1, inProgress: 1, successRate: 0.6667,
      p50DurationSeconds: 60, p95DurationSeconds: 120, nodeSeconds: 140, estimatedCost: 1.1, actualCost: 1,
    });
    const dev = await trends(`?days=7&environmentId=${devId}`);
    expect(dev).toMatchObject({ environmentId: devId, awaitingApproval: 0 });
    expect(dev.totals).toMatchObject({ runs: 1, succeeded: 1, nodeSeconds: 50, estimatedCost: 0.1, actualCost: 0.1 });
    expect(dev.buckets.filter((x: Body) => x.runs > 0).map((x: Body) => x.day)).toEqual([dayKey(1)]);
    const prod = await trends(`?days=7&environmentId=${a.environmentId}`);
    expect(prod).toMatchObject({ awaitingApproval: 1, totals: { runs: 5, nodeSeconds: 190 } });
  });

  it('is scoped to the tenant and the project: a viewer reads it, another tenant gets 404, its own trends are its own', async () => {
    const viewer = await tokenFor(api, a.tenantId, 'viewer');
    expect((await trends('?days=7', a, viewer)).totals.runs).toBe(6);
    expectProblem(await call(api, 'GET', `${a.base}/run-trends`, { token: b.token }), 404, 'not-found');
    expectProblem(await call(api, 'GET', `${a.base}/run-trends`), 401, 'unauthenticated');
    const own = await trends('?days=7', b);
    expect(own).toMatchObject({ projectId: b.projectId, awaitingApproval: 1, totals: { runs: 2, failed: 1, inProgress: 1, nodeSeconds: 5000, actualCost: 5000 } });
    // Tenant a's project id under tenant b's path: not found, not a's data.
    expectProblem(await call(api, 'GET', `/api/v1/tenants/${b.tenantId}/projects/${a.projectId}/run-trends`, { token: b.token }), 404, 'not-found');
  });

  it('answers problem+json for a bad window or environment', async () => {
    for (const days of ['0', '366', '-3', '2.5', 'abc']) expectProblem(await call(api, 'GET', `${a.base}/run-trends?days=${days}`, { token: a.token }), 400, 'invalid-input');
    expectProblem(await call(api, 'GET', `${a.base}/run-trends?environmentId=prod`, { token: a.token }), 400, 'invalid-input');
    // Unknown, another tenant's, and another project's environment: 404 alike.
    for (const env of [randomUUID(), b.environmentId, otherProjectEnvId]) {
      expectProblem(await call(api, 'GET', `${a.base}/run-trends?environmentId=${env}`, { token: a.token }), 404, 'not-found');
    }
    expectProblem(await call(api, 'GET', `/api/v1/tenants/${a.tenantId}/projects/${randomUUID()}/run-trends`, { token: a.token }), 404, 'not-found');
  });
});
