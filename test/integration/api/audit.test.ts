import { appendAuditEvent } from '../../../store';
import { testDatabaseIds } from '../store/testDatabases';
import { call, expectProblem, startTestApi, type TestApi } from './harness';
import { setupProject, tokenFor } from './plansSupport';

describe.each(testDatabaseIds)('API audit log on %s', (dbId) => {
  let api: TestApi;
  beforeAll(async () => { api = await startTestApi(dbId); });
  afterAll(async () => { await api.close(); });

  it('lists the hash-chained events in pages to admins, and verifies the chain', async () => {
    const p = await setupProject(api, 'audit-happy');
    for (let i = 0; i < 3; i++) await call(api, 'POST', `${p.base}/plans`, { token: p.token, json: { environmentId: p.environmentId } });
    const audit = `/api/v1/tenants/${p.tenantId}/audit`;
    const page1 = await call(api, 'GET', `${audit}?limit=2`, { token: p.token });
    expect(page1.status).toBe(200);
    expect(page1.body.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    expect(page1.body.events[1].prevHash).toBe(page1.body.events[0].hash);
    expect(page1.body.events[0]).toMatchObject({ action: 'plan.create', subjectType: 'plan', actor: expect.stringMatching(/^token:/) });
    const page2 = await call(api, 'GET', `${audit}?limit=2&after=${page1.body.next}`, { token: p.token });
    expect(page2.body).toMatchObject({ events: [{ seq: 3 }], next: null });
    expect((await call(api, 'GET', `${audit}/verify`, { token: p.token })).body).toEqual({ ok: true, count: 3 });

    // Tampering with a stored event breaks the chain at that event.
    await api.store.db('audit_events').where({ tenant_id: p.tenantId, seq: 2 }).update({ actor: 'someone-else' });
    expect((await call(api, 'GET', `${audit}/verify`, { token: p.token })).body).toEqual({ ok: false, brokenAt: 2 });
  });

  it('is for admins only, answers bad input with problem+json, and never crosses tenants', async () => {
    const a = await api.tenant('audit-a');
    const b = await api.tenant('audit-b');
    await appendAuditEvent({ db: api.store.db, tenantId: a.tenantId, actor: 'x', action: 'run.start', subjectType: 'run', subjectId: 'r' });
    const editor = await tokenFor(api, a.tenantId, 'editor');
    const audit = `/api/v1/tenants/${a.tenantId}/audit`;
    expectProblem(await call(api, 'GET', audit, { token: editor }), 403, 'forbidden');
    expectProblem(await call(api, 'GET', `${audit}/verify`, { token: editor }), 403, 'forbidden');
    expectProblem(await call(api, 'GET', `${audit}?limit=0`, { token: a.token }), 400, 'invalid-input');
    expectProblem(await call(api, 'GET', `${audit}?limit=5000`, { token: a.token }), 400, 'invalid-input');
    expectProblem(await call(api, 'GET', `${audit}?after=x`, { token: a.token }), 400, 'invalid-input');
    for (const path of [audit, `${audit}/verify`]) expectProblem(await call(api, 'GET', path, { token: b.token }), 404, 'not-found');
    expect((await call(api, 'GET', `/api/v1/tenants/${b.tenantId}/audit`, { token: b.token })).body).toEqual({ events: [], next: null });
    expect((await call(api, 'GET', audit, { token: a.token })).body.events).toHaveLength(1);
  });
});
