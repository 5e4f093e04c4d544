import { createRun, recordNodeRun } from '../../../store';
import { testDatabaseIds } from '../store/testDatabases';
import { call, expectProblem, startTestApi, type TestApi } from './harness';
import { countRows, MODEL, setupProject, SNAPSHOT, type Body } from './plansSupport';

describe.each(testDatabaseIds)('API plans on %s', (dbId) => {
  let api: TestApi;
  beforeAll(async () => { api = await startTestApi(dbId); });
  afterAll(async () => { await api.close(); });

  it('builds a plan server-side from the newest version and the environment, stores it by hash, reads it back, audits it', async () => {
    const p = await setupProject(api, 'plan-happy', { concurrency: 2, protected: true, approverRole: 'editor', separationOfDuties: true, costRatePerHour: 3.6 });
    const created = await call(api, 'POST', `${p.base}/plans`, { token: p.token, json: { environmentId: p.environmentId, select: 'test_first_dbt_model+' } });
    expect(created.status).toBe(201);
    const body: Body = created.body;
    expect(body).toMatchObject({ projectId: p.projectId, environmentId: p.environmentId, versionId: p.versionId, planHash: body.plan.hash });
    expect(body.planHash).toMatch(/^[0-9a-f]{64}$/);
    const ids = body.plan.nodes.map((n: Body) => n.uniqueId);
    expect(ids).toContain(MODEL);
    expect(ids).toContain(SNAPSHOT);
    expect(body.plan.selection).toMatchObject({ select: 'test_first_dbt_model+', named: [MODEL] });
    expect(body.plan.settings).toMatchObject({ concurrency: 2, costRatePerHour: 3.6 });
    expect(body.plan.approvals).toMatchObject({ required: true, separationOfDuties: true, requestedBy: expect.stringMatching(/^token:/) });
    expect(body.plan.approvals.rules[0]).toMatchObject({ role: 'editor' });
    expect(body.plan.environment).toEqual({ id: p.environmentId, name: 'prod' });

    const read = await call(api, 'GET', `${p.base}/plans/${body.id}`, { token: p.token });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(body);

    const audit = await call(api, 'GET', `/api/v1/tenants/${p.tenantId}/audit`, { token: p.token });
    expect(audit.body.events.map((e: Body) => [e.action, e.subjectId, e.context.planHash])).toEqual([['plan.create', body.id, body.planHash]]);

    // An explicit versionId is honoured; full refresh is carried.
    const bySelector = await call(api, 'POST', `${p.base}/plans`, { token: p.token, json: { environmentId: p.environmentId, versionId: p.versionId, select: 'orders_snapshot', fullRefresh: true } });
    expect(bySelector.status).toBe(201);
    expect(bySelector.body.plan.nodes.map((n: Body) => n.uniqueId)).toEqual([SNAPSHOT]);
    expect(bySelector.body.plan.selection.fullRefresh).toBe(true);
  });

  it('uses the environment history in the store: node run durations become estimates', async () => {
    const p = await setupProject(api, 'plan-history');
    const first = (await call(api, 'POST', `${p.base}/plans`, { token: p.token, json: { environmentId: p.environmentId, select: 'test_first_dbt_model' } })).body;
    const { run } = await createRun({ db: api.store.db, tenantId: p.tenantId, planId: first.id, requestedBy: 'test' });
    await recordNodeRun({
      db: api.store.db,
      nodeRun: {
        tenantId: p.tenantId, runId: run.id, uniqueId: MODEL, nodeUuid: first.plan.nodes.find((n: Body) => n.uniqueId === MODEL).nodeUuid, attempt: 1, status: 'success',
        startedAt: '2030-01-01T00:00:00.000Z', completedAt: '2030-01-01T00:00:42.000Z', executionTime: 42, adapterResponse: {}, message: null,
      },
    });
    const second = (await call(api, 'POST', `${p.base}/plans`, { token: p.token, json: { environmentId: p.environmentId, select: 'test_first_dbt_model', named: [SNAPSHOT] } })).body;
    const node = second.plan.nodes.find((n: Body) => n.uniqueId === MODEL);
    expect(node.estimate).toMatchObject({ basis: 'history', seconds: 42 });
    expect(second.planHash).not.toBe(first.planHash);
  });

  it('answers bad input with problem+json and stores nothing', async () => {
    const p = await setupProject(api, 'plan-bad');
    const plans = `${p.base}/plans`;
    const env = p.environmentId;
    const badSelector = await call(api, 'POST', plans, { token: p.token, json: { environmentId: env, select: 'nosuchmethod:x' } });
    expectProblem(badSelector, 400, 'invalid-selector');
    expect(badSelector.body.detail).toContain('nosuchmethod:x');
    expectProblem(await call(api, 'POST', plans, { token: p.token, json: { environmentId: env, selector: 'nope' } }), 400, 'invalid-selector');
    expectProblem(await call(api, 'POST', plans, { token: p.token, json: { environmentId: env, select: 'state:modified' } }), 400, 'invalid-selector');
    expectProblem(await call(api, 'POST', plans, { token: p.token, json: { environmentId: env, select: 'x', selector: 'x' } }), 400, 'invalid-input');
    expectProblem(await call(api, 'POST', plans, { token: p.token, json: { environmentId: env, surprise: 1 } }), 400, 'invalid-input');
    expectProblem(await call(api, 'POST', plans, { token: p.token, json: { environmentId: 'not-a-uuid' } }), 400, 'invalid-input');
    expectProblem(await call(api, 'POST', plans, { token: p.token, json: { environmentId: env, fullRefresh: 'yes' } }), 400, 'invalid-input');
    expectProblem(await call(api, 'POST', plans, { token: p.token, json: { environmentId: env, named: ['model.nope.nope'] } }), 400, 'invalid-input');
    expectProblem(await call(api, 'POST', plans, { token: p.token, rawBody: '{"environmentId":' }), 400, 'malformed-json');
    expectProblem(await call(api, 'POST', plans, { token: p.token, json: { environmentId: '00000000-0000-4000-8000-000000000000' } }), 404, 'not-found');
    expectProblem(await call(api, 'POST', plans, { token: p.token, json: { environmentId: env, versionId: '00000000-0000-4000-8000-000000000000' } }), 404, 'not-found');
    expectProblem(await call(api, 'GET', `${plans}/00000000-0000-4000-8000-000000000000`, { token: p.token }), 404, 'not-found');
    expectProblem(await call(api, 'GET', `${plans}/nope`, { token: p.token }), 400, 'invalid-input');
    // An environment whose planning settings are wrong is named in the answer.
    const broken = (await call(api, 'POST', `${p.base}/environments`, { token: p.token, json: { name: 'broken', target: 'x', settings: { concurrency: 0 } } })).body;
    const r = await call(api, 'POST', plans, { token: p.token, json: { environmentId: broken.id } });
    expectProblem(r, 400, 'invalid-input');
    expect(r.body.detail).toMatch(/settings of environment broken at concurrency/);
    // A project without any version: 409.
    const other = (await call(api, 'POST', `/api/v1/tenants/${p.tenantId}/projects`, { token: p.token, json: { orgId: (await call(api, 'GET', `/api/v1/tenants/${p.tenantId}/orgs`, { token: p.token })).body[0].id, slug: 'empty', name: 'E' } })).body;
    const otherEnv = (await call(api, 'POST', `/api/v1/tenants/${p.tenantId}/projects/${other.id}/environments`, { token: p.token, json: { name: 'dev', target: 'dev' } })).body;
    expectProblem(await call(api, 'POST', `/api/v1/tenants/${p.tenantId}/projects/${other.id}/plans`, { token: p.token, json: { environmentId: otherEnv.id } }), 409, 'conflict/no-version');
    // The environment of another project of the same tenant is not found here.
    expectProblem(await call(api, 'POST', plans, { token: p.token, json: { environmentId: otherEnv.id } }), 404, 'not-found');
    expect(await countRows(api, 'plans', p.tenantId)).toBe(0);
    expect(await countRows(api, 'audit_events', p.tenantId)).toBe(0);
  });

  it('needs the editor role to plan and never crosses tenants', async () => {
    const a = await setupProject(api, 'plan-owner');
    const b = await setupProject(api, 'plan-intruder');
    const viewer = await api.tenant('plan-viewer', 'viewer');
    expectProblem(await call(api, 'POST', `/api/v1/tenants/${viewer.tenantId}/projects/${a.projectId}/plans`, { token: viewer.token, json: { environmentId: a.environmentId } }), 403, 'forbidden');
    const plan = (await call(api, 'POST', `${a.base}/plans`, { token: a.token, json: { environmentId: a.environmentId } })).body;
    const denied: Array<[string, string, unknown?]> = [
      ['POST', `${a.base}/plans`, { environmentId: a.environmentId }],
      ['GET', `${a.base}/plans/${plan.id}`],
      // B's own tenant path with A's ids.
      ['POST', `${b.base}/plans`, { environmentId: a.environmentId }],
      ['POST', `${b.base}/plans`, { environmentId: b.environmentId, versionId: a.versionId }],
      ['GET', `${b.base}/plans/${plan.id}`],
      ['POST', `/api/v1/tenants/${b.tenantId}/projects/${a.projectId}/plans`, { environmentId: b.environmentId }],
    ];
    for (const [method, path, json] of denied) {
      const res = await call(api, method, path, { token: b.token, json });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      expectProblem(res, 404, 'not-found');
    }
    expect(await countRows(api, 'plans', b.tenantId)).toBe(0);
    expect(await countRows(api, 'plans', a.tenantId)).toBe(1);
  });
});
