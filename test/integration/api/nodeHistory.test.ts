// GET …/nodes/{uniqueId}/history against the real API on SQLite and PostgreSQL: runs and node runs are
// recorded in the store as the run workflow records them (no Temporal needed to read them back).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRun, listNodeHistory, recordNodeRun, updateRunStatus, type RunStatus } from '../../../store';
import { testDatabaseIds } from '../store/testDatabases';
import { call, expectProblem, startTestApi, type TestApi } from './harness';
import { lineageTarget, MODEL, SNAPSHOT, tokenFor, type Body } from './plansSupport';

const SOURCE = 'source.dbt_bigquery_test.dbt_test1.source_table';
const SETTINGS = { costRatePerHour: 36, defaultEstimateSeconds: 42 };

interface Project {
  readonly tenantId: string;
  readonly token: string;
  readonly projectId: string;
  readonly base: string;
  readonly prod: string;
  readonly dev: string;
  readonly versionId: string;
}

/** A tenant, a project with environments prod and dev, and one version of the manifest alone (no run_results, no catalog). */
async function setup(api: TestApi, slug: string): Promise<Project> {
  const { tenantId, token } = await api.tenant(slug);
  const t = `/api/v1/tenants/${tenantId}`;
  const org = (await call(api, 'POST', `${t}/orgs`, { token, json: { slug: 'o', name: 'O' } })).body;
  const project = (await call(api, 'POST', `${t}/projects`, { token, json: { orgId: org.id, slug: 'p', name: 'P' } })).body;
  const base = `${t}/projects/${project.id}`;
  const env = async (name: string): Promise<string> => (await call(api, 'POST', `${base}/environments`, { token, json: { name, target: name, settings: SETTINGS } })).body.id;
  const prod = await env('prod');
  const dev = await env('dev');
  const form = new FormData();
  form.append('files', new Blob([await readFile(join(lineageTarget, 'manifest.json'))]), 'manifest.json');
  const version = (await call(api, 'POST', `${base}/versions`, { token, form })).body.version;
  return { tenantId, token, projectId: project.id, base, prod, dev, versionId: version.id };
}

/** A run of a stored plan, recorded at `at`, ended `status`, with the given attempts of MODEL. */
async function recordRun(api: TestApi, p: Project, planId: string, at: string, status: RunStatus, attempts: Array<{ status: string; seconds: number | null }>): Promise<string> {
  const db = api.store.db;
  const { run } = await createRun({ db, tenantId: p.tenantId, planId, requestedBy: 'test', now: new Date(at) });
  await updateRunStatus({ db, tenantId: p.tenantId, id: run.id, status: 'planning', now: new Date(at) });
  await updateRunStatus({ db, tenantId: p.tenantId, id: run.id, status: 'running', now: new Date(at) });
  for (const [i, a] of attempts.entries()) {
    const start = new Date(Date.parse(at) + 1000 * (i + 1));
    const end = a.seconds === null ? null : new Date(start.getTime() + a.seconds * 1000).toISOString();
    await recordNodeRun({
      db,
      nodeRun: {
        tenantId: p.tenantId, runId: run.id, uniqueId: MODEL, nodeUuid: 'uuid-model', attempt: i + 1, status: a.status,
        startedAt: start.toISOString(), completedAt: end, executionTime: a.seconds, adapterResponse: {}, message: a.status === 'failed' ? 'Database Error' : 'OK',
      },
    });
  }
  await updateRunStatus({ db, tenantId: p.tenantId, id: run.id, status, now: new Date(Date.parse(at) + 60_000) });
  return run.id;
}

describe.each(testDatabaseIds)('API node history on %s', (dbId) => {
  let api: TestApi;
  beforeAll(async () => { api = await startTestApi(dbId, { limits: { requestsPerMinute: 0 } }); });
  afterAll(async () => { await api.close(); });

  const plan = async (p: Project, environmentId: string, select: string): Promise<Body> =>
    (await call(api, 'POST', `${p.base}/plans`, { token: p.token, json: { environmentId, select } })).body;
  const history = (p: Project, uniqueId: string, query = '', token = p.token) =>
    call(api, 'GET', `${p.base}/nodes/${encodeURIComponent(uniqueId)}/history${query}`, { token });

  it('lists the node\'s executions newest run first, latest attempt first, bounded by limit and filtered by environment', async () => {
    const p = await setup(api, `nh-order-${dbId}`);
    const prodPlan = await plan(p, p.prod, 'test_first_dbt_model');
    const devPlan = await plan(p, p.dev, 'test_first_dbt_model');
    const r1 = await recordRun(api, p, prodPlan.id, '2026-11-20T08:00:00.000Z', 'success', [{ status: 'success', seconds: 10 }]);
    const r2 = await recordRun(api, p, prodPlan.id, '2026-11-21T08:00:00.000Z', 'success', [{ status: 'failed', seconds: 3 }, { status: 'success', seconds: 20 }]);
    const d1 = await recordRun(api, p, devPlan.id, '2026-11-21T12:00:00.000Z', 'failed', [{ status: 'failed', seconds: 5 }]);
    const r3 = await recordRun(api, p, prodPlan.id, '2026-11-22T08:00:00.000Z', 'success', [{ status: 'success', seconds: 30 }]);

    const all = await history(p, MODEL);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ uniqueId: MODEL, kind: 'model', name: 'test_first_dbt_model', versionId: p.versionId, environmentId: null, estimate: null });
    expect(all.body.executions.map((e: Body) => [e.runId, e.attempt])).toEqual([[r3, 1], [d1, 1], [r2, 2], [r2, 1], [r1, 1]]);
    expect(all.body.executions[1]).toEqual({
      runId: d1, runStatus: 'failed', runCreatedAt: '2026-11-21T12:00:00.000Z', planId: devPlan.id, environment: { id: p.dev, name: 'dev' },
      status: 'failed', attempt: 1, startedAt: '2026-11-21T12:00:01.000Z', completedAt: '2026-11-21T12:00:06.000Z', executionTime: 5, message: 'Database Error',
    });
    expect((await history(p, MODEL, '?limit=2')).body.executions.map((e: Body) => e.runId)).toEqual([r3, d1]);
    const prod = (await history(p, MODEL, `?environmentId=${p.prod}&limit=3`)).body;
    expect(prod.environmentId).toBe(p.prod);
    expect(prod.executions.map((e: Body) => [e.runId, e.attempt])).toEqual([[r3, 1], [r2, 2], [r2, 1]]);
    expect(prod.executions.every((e: Body) => e.environment.name === 'prod')).toBe(true);
    // The store operation bounds the limit itself.
    await expect(listNodeHistory({ db: api.store.db, tenantId: p.tenantId, projectId: p.projectId, uniqueId: MODEL, limit: 101 })).rejects.toThrow(RangeError);
    // A node that exists and never ran: an empty list, not a 404.
    expect((await history(p, SNAPSHOT)).body.executions).toEqual([]);
    // A viewer reads it too.
    expect((await history(p, MODEL, '', await tokenFor(api, p.tenantId, 'viewer'))).status).toBe(200);
  });

  it('estimates like the plan builder: basis history (median of the environment\'s successes) with node runs, default without', async () => {
    const p = await setup(api, `nh-estimate-${dbId}`);
    const before = (await history(p, MODEL, `?environmentId=${p.prod}`)).body.estimate;
    expect(before).toMatchObject({ basis: 'default', seconds: 42, cost: 0.42, costRatePerHour: 36, environment: { id: p.prod, name: 'prod' }, versionId: p.versionId });

    const prodPlan = await plan(p, p.prod, 'test_first_dbt_model');
    await recordRun(api, p, prodPlan.id, '2026-11-20T08:00:00.000Z', 'success', [{ status: 'success', seconds: 10 }]);
    await recordRun(api, p, prodPlan.id, '2026-11-21T08:00:00.000Z', 'failed', [{ status: 'failed', seconds: 1 }]);
    await recordRun(api, p, prodPlan.id, '2026-11-22T08:00:00.000Z', 'success', [{ status: 'success', seconds: 30 }]);
    const after = (await history(p, MODEL, `?environmentId=${p.prod}`)).body.estimate;
    expect(after).toMatchObject({ basis: 'history', seconds: 20, cost: 0.2 });
    // The panel and a plan built now agree, to the hover text.
    const fresh = (await plan(p, p.prod, 'test_first_dbt_model orders_snapshot')).plan.nodes as Body[];
    const estimateOf = (id: string): Body => fresh.find((n) => n.uniqueId === id)?.estimate;
    const { seconds, cost, basis, detail } = after;
    expect({ seconds, cost, basis, detail }).toEqual(estimateOf(MODEL));
    const snapshot = (await history(p, SNAPSHOT, `?environmentId=${p.prod}`)).body.estimate;
    expect(snapshot).toMatchObject({ basis: 'default', seconds: 42 });
    expect({ seconds: snapshot.seconds, cost: snapshot.cost, basis: snapshot.basis, detail: snapshot.detail }).toEqual(estimateOf(SNAPSHOT));
    // Another environment has no history of its own.
    expect((await history(p, MODEL, `?environmentId=${p.dev}`)).body.estimate).toMatchObject({ basis: 'default', environment: { name: 'dev' } });
    // A source is never planned: no estimate.
    expect((await history(p, SOURCE, `?environmentId=${p.prod}`)).body).toMatchObject({ kind: 'source', estimate: null, executions: [] });
  });

  it('answers 404 for an unknown node and for another tenant, 400 for a bad limit or id', async () => {
    const a = await setup(api, `nh-a-${dbId}`);
    const b = await setup(api, `nh-b-${dbId}`);
    const aPlan = await plan(a, a.prod, 'test_first_dbt_model');
    await recordRun(api, a, aPlan.id, '2026-11-20T08:00:00.000Z', 'success', [{ status: 'success', seconds: 10 }]);
    expect((await history(a, MODEL)).body.executions).toHaveLength(1);

    expectProblem(await history(a, 'model.dbt_bigquery_test.nope'), 404, 'not-found');
    // B's token on A's path; B's tenant with A's project; B's own project: B never sees A's runs.
    expectProblem(await history(a, MODEL, '', b.token), 404, 'not-found');
    expectProblem(await call(api, 'GET', `/api/v1/tenants/${b.tenantId}/projects/${a.projectId}/nodes/${MODEL}/history`, { token: b.token }), 404, 'not-found');
    expect((await history(b, MODEL)).body.executions).toEqual([]);
    expectProblem(await history(b, MODEL, `?environmentId=${a.prod}`), 404, 'not-found');
    expectProblem(await history(b, MODEL, `?versionId=${a.versionId}`), 404, 'not-found');

    for (const q of ['?limit=0', '?limit=101', '?limit=abc', '?limit=2.5', '?environmentId=prod', '?versionId=latest']) {
      expectProblem(await history(a, MODEL, q), 400, 'invalid-input');
    }
    expect((await history(a, MODEL, '?limit=100')).status).toBe(200);
  });
});
