import { call, expectProblem, startTestApi, type TestApi } from './harness';

describe('API platform routes (health, metrics, OpenAPI, docs, rate limit)', () => {
  let api: TestApi;
  beforeAll(async () => { api = await startTestApi('sqlite', { limits: { requestsPerMinute: 5 } }); });
  afterAll(async () => { await api.close(); });

  it('serves health, readiness, metrics, the OpenAPI document and the interactive docs', async () => {
    expect((await call(api, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await call(api, 'GET', '/readyz')).body).toMatchObject({ status: 'ready', store: true });
    const spec = await call(api, 'GET', '/api/openapi.json');
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining([
      '/api/v1/tenants', '/api/v1/tenants/{tenantId}/orgs', '/api/v1/tenants/{tenantId}/projects/{projectId}/versions',
      '/api/v1/tenants/{tenantId}/projects/{projectId}/versions/{versionId}/graph',
    ]));
    expect(spec.body.components.securitySchemes.sluice).toMatchObject({ type: 'http', scheme: 'bearer' });
    const docs = await fetch(`${api.url}/api/docs/`);
    expect(await docs.text()).toContain('swagger-ui');
    const metrics = await call(api, 'GET', '/metrics');
    expect(metrics.body).toContain('sluice_http_request_duration_seconds_bucket');
    expectProblem(await call(api, 'GET', '/api/v1/nope'), 404, 'not-found');
  });

  it('limits requests per client per minute with 429 problem+json', async () => {
    const { tenantId, token } = await api.tenant('rate');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await call(api, 'GET', `/api/v1/tenants/${tenantId}/orgs`, { token })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await call(api, 'GET', `/api/v1/tenants/${tenantId}/orgs`, { token });
    expectProblem(limited, 429, 'rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
