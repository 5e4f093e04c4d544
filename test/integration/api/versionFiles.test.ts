// GET …/versions/{versionId}/files/{kind}: a version's artifact files, downloaded byte for byte from
// the blob store, with the content-addressed caching headers. Runs on SQLite and PostgreSQL.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createApiToken } from '../../../store';
import { testDatabaseIds } from '../store/testDatabases';
import { call, expectProblem, startTestApi, type TestApi } from './harness';

const target = resolve(__dirname, '../../fixtures/artifacts/ticketswap-tap-dbt-artifacts/target');
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

interface Setup {
  readonly tenantId: string;
  /** An admin token (uploads) and a viewer token (downloads) of the tenant. */
  readonly token: string;
  readonly viewer: string;
  readonly versions: string;
  readonly projectId: string;
}

async function setup(api: TestApi, slug: string, projectSlug = 'shop'): Promise<Setup> {
  const { tenantId, token } = await api.tenant(slug);
  const base = `/api/v1/tenants/${tenantId}`;
  const org = (await call(api, 'POST', `${base}/orgs`, { token, json: { slug: 'o', name: 'O' } })).body;
  const project = (await call(api, 'POST', `${base}/projects`, { token, json: { orgId: org.id, slug: projectSlug, name: 'Shop' } })).body;
  const viewer = (await createApiToken({ db: api.store.db, tenantId, name: 'reader', role: 'viewer' })).secret;
  return { tenantId, token, viewer, projectId: project.id as string, versions: `${base}/projects/${project.id}/versions` };
}

/** Uploads `names` from the fixture target; returns the version and each file's bytes. */
async function upload(api: TestApi, s: Setup, names: string[]): Promise<{ version: { id: string; files: Array<{ kind: string; sha256: string; size: number }> }; bytes: Map<string, Buffer> }> {
  const form = new FormData();
  const bytes = new Map<string, Buffer>();
  for (const n of names) {
    const b = await readFile(join(target, n));
    bytes.set(n.replace(/\.json$/, ''), b);
    form.append('files', new Blob([b], { type: 'application/json' }), n);
  }
  const res = await call(api, 'POST', s.versions, { token: s.token, form });
  expect(res.status).toBe(201);
  return { version: res.body.version, bytes };
}

/** A raw GET: the exact bytes. `identity` asks for the file itself, whatever compression the server might offer. */
async function download(api: TestApi, path: string, token: string | undefined, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(`${api.url}${path}`, { headers: { 'accept-encoding': 'identity', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe.each(testDatabaseIds)('API version files on %s', (dbId) => {
  let api: TestApi;
  beforeAll(async () => { api = await startTestApi(dbId); });
  afterAll(async () => { await api.close(); });

  it('downloads each uploaded file byte for byte, with its type, size, name and content-addressed caching', async () => {
    const s = await setup(api, 'files');
    const { version, bytes } = await upload(api, s, ['manifest.json', 'catalog.json']);
    for (const kind of ['manifest', 'catalog']) {
      const uploaded = bytes.get(kind) as Buffer;
      const listed = version.files.find((f) => f.kind === kind);
      expect(listed).toEqual({ kind, sha256: sha256(uploaded), size: uploaded.byteLength });
      const res = await download(api, `${s.versions}/${version.id}/files/${kind}`, s.viewer);
      expect(res.status).toBe(200);
      expect(res.bytes.equals(uploaded)).toBe(true);
      expect(res.headers.get('content-type')).toMatch(/^application\/json(;|$)/);
      expect(res.headers.get('content-length')).toBe(String(uploaded.byteLength));
      expect(res.headers.get('etag')).toBe(`"${sha256(uploaded)}"`);
      expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="shop-${version.id.slice(0, 8)}-${kind}.json"`);
    }
  });

  it('answers 304 to a matching If-None-Match (strong, weak, in a list, *) and the file to any other', async () => {
    const s = await setup(api, 'conditional');
    const { version, bytes } = await upload(api, s, ['manifest.json']);
    const path = `${s.versions}/${version.id}/files/manifest`;
    const etag = `"${sha256(bytes.get('manifest') as Buffer)}"`;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await download(api, path, s.viewer, { 'if-none-match': ifNoneMatch });
      expect({ ifNoneMatch, status: res.status, length: res.bytes.byteLength }).toEqual({ ifNoneMatch, status: 304, length: 0 });
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    }
    const stale = await download(api, path, s.viewer, { 'if-none-match': `"${'0'.repeat(64)}"` });
    expect(stale.status).toBe(200);
    expect(stale.bytes.equals(bytes.get('manifest') as Buffer)).toBe(true);
  });

  it('refuses an unknown kind (400), a kind the version lacks and other tenants or projects (404), no token (401)', async () => {
    const s = await setup(api, 'refusals');
    const { version } = await upload(api, s, ['manifest.json', 'catalog.json']);
    const files = `${s.versions}/${version.id}/files`;
    for (const kind of ['bogus', 'manifest.json', 'MANIFEST']) expectProblem(await call(api, 'GET', `${files}/${kind}`, { token: s.viewer }), 400, 'invalid-input');
    for (const kind of ['run_results', 'sources']) {
      const missing = await call(api, 'GET', `${files}/${kind}`, { token: s.viewer });
      expectProblem(missing, 404, 'not-found');
      expect(missing.body.detail).toContain(kind);
    }
    expectProblem(await call(api, 'GET', `${files}/manifest`), 401, 'unauthenticated');

    // Another tenant's token on this path, and this version asked through another tenant's project.
    const other = await setup(api, 'refusals-other');
    expectProblem(await call(api, 'GET', `${files}/manifest`, { token: other.viewer }), 404, 'not-found');
    expectProblem(await call(api, 'GET', `${other.versions}/${version.id}/files/manifest`, { token: other.viewer }), 404, 'not-found');
    // Another project of the same tenant does not own the version either.
    const org = (await call(api, 'POST', `/api/v1/tenants/${s.tenantId}/orgs`, { token: s.token, json: { slug: 'o2', name: 'O2' } })).body;
    const sibling = (await call(api, 'POST', `/api/v1/tenants/${s.tenantId}/projects`, { token: s.token, json: { orgId: org.id, slug: 'sibling', name: 'Sibling' } })).body;
    expectProblem(await call(api, 'GET', `/api/v1/tenants/${s.tenantId}/projects/${sibling.id}/versions/${version.id}/files/manifest`, { token: s.viewer }), 404, 'not-found');
    expectProblem(await call(api, 'GET', `${s.versions}/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/files/manifest`, { token: s.viewer }), 404, 'not-found');
  });
});
