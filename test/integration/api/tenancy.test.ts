import { listOrgs } from '../../../store';
import { testDatabaseIds } from '../store/testDatabases';
import { call, expectProblem, startTestApi, type TestApi } from './harness';

describe.each(testDatabaseIds)('API tenancy routes on %s', (dbId) => {
  let api: TestApi;
  beforeAll(async () => { api = await startTestApi(dbId); });
  afterAll(async () => { await api.close(); });

  it('creates, reads, updates and deletes orgs, projects and environments', async () => {
    const { tenantId, token } = await api.tenant('happy');
    const base = `/api/v1/tenants/${tenantId}`;
    expect((await call(api, 'GET', '/api/v1/tenants', { token })).body).toMatchObject([{ id: tenantId }]);
    const org = await call(api, 'POST', `${base}/orgs`, { token, json: { slug: 'data', name: 'Data' } });
    expect(org.status).toBe(201);
    expect((await call(api, 'PATCH', `${base}/orgs/${org.body.id}`, { token, json: { name: 'Data team' } })).body.name).toBe('Data team');
    const project = await call(api, 'POST', `${base}/projects`, { token, json: { orgId: org.body.id, slug: 'shop', name: 'Shop' } });
    expect(project.status).toBe(201);
    expect((await call(api, 'GET', `${base}/projects?orgId=${org.body.id}`, { token })).body).toEqual([project.body]);
    const envs = `${base}/projects/${project.body.id}/environments`;
    const env = await call(api, 'POST', envs, { token, json: { name: 'prod', target: 'prod', settings: { secretRef: 'vault:prod' } } });
    expect(env.status).toBe(201);
    expect((await call(api, 'PATCH', `${envs}/${env.body.id}`, { token, json: { target: 'prod-eu' } })).body.target).toBe('prod-eu');
    expect((await call(api, 'GET', envs, { token })).body).toHaveLength(1);
    expect((await call(api, 'DELETE', `${envs}/${env.body.id}`, { token })).status).toBe(204);
    expect((await call(api, 'DELETE', `${base}/projects/${project.body.id}`, { token })).status).toBe(204);
    expect((await call(api, 'DELETE', `${base}/orgs/${org.body.id}`, { token })).status).toBe(204);
    expect((await call(api, 'GET', `${base}/orgs`, { token })).body).toEqual([]);
  });

  it('answers bad input with problem+json and stores nothing', async () => {
    const { tenantId, token } = await api.tenant('bad');
    const orgs = `/api/v1/tenants/${tenantId}/orgs`;
    expectProblem(await call(api, 'POST', orgs, { token, rawBody: '{"slug": "x",' }), 400, 'malformed-json');
    expectProblem(await call(api, 'POST', orgs, { token, json: { slug: 42, name: 'x' } }), 400, 'invalid-input');
    expectProblem(await call(api, 'POST', orgs, { token, json: { slug: 'Not A Slug!', name: 'x' } }), 400, 'invalid-input');
    expectProblem(await call(api, 'POST', orgs, { token, json: { slug: 'ok', name: 'x', admin: true } }), 400, 'invalid-input');
    expectProblem(await call(api, 'GET', `${orgs}/not-a-uuid`, { token }), 400, 'invalid-input');
    expectProblem(await call(api, 'GET', `${orgs}/00000000-0000-4000-8000-000000000000`, { token }), 404, 'not-found');
    expectProblem(await call(api, 'POST', `/api/v1/tenants/${tenantId}/projects`, { token, json: { orgId: '00000000-0000-4000-8000-000000000000', slug: 'p', name: 'p' } }), 404, 'not-found');
    expectProblem(await call(api, 'POST', orgs, { token, rawBody: JSON.stringify({ slug: 'big', name: 'x'.repeat(2 * 1024 * 1024) }) }), 413, 'payload-too-large');
    expect(await listOrgs({ db: api.store.db, tenantId })).toEqual([]);
    await call(api, 'POST', orgs, { token, json: { slug: 'dup', name: 'x' } });
    expectProblem(await call(api, 'POST', orgs, { token, json: { slug: 'dup', name: 'y' } }), 409, 'conflict/duplicate');
    expect(await listOrgs({ db: api.store.db, tenantId })).toHaveLength(1);
  });

  it('needs a valid token, the right role, and never crosses tenants', async () => {
    const a = await api.tenant('owner');
    const b = await api.tenant('intruder');
    const viewer = await api.tenant('viewer-tenant', 'viewer');
    const baseA = `/api/v1/tenants/${a.tenantId}`;
    const org = (await call(api, 'POST', `${baseA}/orgs`, { token: a.token, json: { slug: 'o', name: 'O' } })).body;
    const project = (await call(api, 'POST', `${baseA}/projects`, { token: a.token, json: { orgId: org.id, slug: 'p', name: 'P' } })).body;
    const env = (await call(api, 'POST', `${baseA}/projects/${project.id}/environments`, { token: a.token, json: { name: 'dev', target: 'dev' } })).body;

    expectProblem(await call(api, 'GET', `${baseA}/orgs`), 401, 'unauthenticated');
    expectProblem(await call(api, 'GET', `${baseA}/orgs`, { token: 'slc_00000000_wrong' }), 401, 'unauthenticated');
    expectProblem(await call(api, 'POST', `/api/v1/tenants/${viewer.tenantId}/orgs`, { token: viewer.token, json: { slug: 'v', name: 'v' } }), 403, 'forbidden');
    expectProblem(await call(api, 'POST', '/api/v1/tenants', { token: a.token, json: { slug: 'new', name: 'new' } }), 403, 'forbidden');

    const envPath = `${baseA}/projects/${project.id}/environments/${env.id}`;
    const denied: Array<[string, string, unknown?]> = [
      ['GET', baseA], ['PATCH', baseA, { name: 'x' }], ['DELETE', baseA],
      ['GET', `${baseA}/orgs`], ['POST', `${baseA}/orgs`, { slug: 'z', name: 'z' }],
      ['GET', `${baseA}/orgs/${org.id}`], ['PATCH', `${baseA}/orgs/${org.id}`, { name: 'x' }], ['DELETE', `${baseA}/orgs/${org.id}`],
      ['GET', `${baseA}/projects`], ['POST', `${baseA}/projects`, { orgId: org.id, slug: 'z', name: 'z' }],
      ['GET', `${baseA}/projects/${project.id}`], ['PATCH', `${baseA}/projects/${project.id}`, { name: 'x' }], ['DELETE', `${baseA}/projects/${project.id}`],
      ['GET', `${baseA}/projects/${project.id}/environments`], ['POST', `${baseA}/projects/${project.id}/environments`, { name: 'z', target: 'z' }],
      ['GET', envPath], ['PATCH', envPath, { target: 'x' }], ['DELETE', envPath],
      ['GET', `${baseA}/tokens`], ['POST', `${baseA}/tokens`, { name: 'x', role: 'admin' }],
    ];
    for (const [method, path, json] of denied) {
      const res = await call(api, method, path, { token: b.token, json });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      expectProblem(res, 404, 'not-found');
    }
    // Tenant B's own path with tenant A's ids: still not found.
    const baseB = `/api/v1/tenants/${b.tenantId}`;
    expectProblem(await call(api, 'GET', `${baseB}/orgs/${org.id}`, { token: b.token }), 404, 'not-found');
    expectProblem(await call(api, 'POST', `${baseB}/projects`, { token: b.token, json: { orgId: org.id, slug: 'x', name: 'x' } }), 404, 'not-found');
    // Nothing of A changed.
    expect((await call(api, 'GET', `${baseA}/orgs`, { token: a.token })).body).toEqual([org]);
    expect((await call(api, 'GET', envPath, { token: a.token })).body).toEqual(env);
  });

  it('shows a token secret once, stores only its hash, and a revoked token stops working', async () => {
    const a = await api.tenant('tokens');
    const created = await call(api, 'POST', `/api/v1/tenants/${a.tenantId}/tokens`, { token: a.token, json: { name: 'ci', role: 'viewer' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const secret: string = created.body.secret;
    const listed = await call(api, 'GET', `/api/v1/tenants/${a.tenantId}/tokens`, { token: a.token });
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect((await call(api, 'GET', `/api/v1/tenants/${a.tenantId}/orgs`, { token: secret })).status).toBe(200);
    expect((await call(api, 'DELETE', `/api/v1/tenants/${a.tenantId}/tokens/${created.body.token.id}`, { token: a.token })).status).toBe(204);
    expectProblem(await call(api, 'GET', `/api/v1/tenants/${a.tenantId}/orgs`, { token: secret }), 401, 'unauthenticated');
  });
});

describe('API local admin (embedded default)', () => {
  it('lets the local admin create tenants without credentials, but never upgrades a bad token', async () => {
    const api = await startTestApi('sqlite', { localAdmin: true });
    try {
      const t = await call(api, 'POST', '/api/v1/tenants', { json: { slug: 'acme', name: 'Acme' } });
      expect(t.status).toBe(201);
      expect((await call(api, 'GET', '/api/v1/tenants')).body).toEqual([t.body]);
      expectProblem(await call(api, 'GET', '/api/v1/tenants', { token: 'slc_bad_bad' }), 401, 'unauthenticated');
      expect((await call(api, 'GET', '/')).body).toContain('Local admin mode');
    } finally {
      await api.close();
    }
  });
});
