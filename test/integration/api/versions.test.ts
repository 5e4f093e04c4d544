import { readFile, readdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { create as createTar } from 'tar';
import { parseArtifactText } from '../../../domain/artifacts/detect';
import { parseManifest } from '../../../domain/artifacts/manifest';
import { listProjectVersions } from '../../../store';
import { testDatabaseIds } from '../store/testDatabases';
import { call, expectProblem, startTestApi, type TestApi } from './harness';

const fixtures = resolve(__dirname, '../../fixtures/artifacts');
const small = join(fixtures, 'ticketswap-tap-dbt-artifacts/target');
const lineage = join(fixtures, 'openlineage/build/target');

async function form(dir: string, names: string[]): Promise<FormData> {
  const f = new FormData();
  for (const n of names) f.append('files', new Blob([await readFile(join(dir, n))], { type: 'application/json' }), n);
  return f;
}

async function blobCount(root: string): Promise<number> {
  return (await Promise.all((await readdir(root)).map((d) => readdir(join(root, d))))).flat().length;
}

async function setup(api: TestApi, slug: string) {
  const { tenantId, token } = await api.tenant(slug);
  const base = `/api/v1/tenants/${tenantId}`;
  const org = (await call(api, 'POST', `${base}/orgs`, { token, json: { slug: 'o', name: 'O' } })).body;
  const project = (await call(api, 'POST', `${base}/projects`, { token, json: { orgId: org.id, slug: 'p', name: 'P' } })).body;
  return { tenantId, token, projectId: project.id as string, versions: `${base}/projects/${project.id}/versions` };
}

describe.each(testDatabaseIds)('API project versions on %s', (dbId) => {
  let api: TestApi;
  beforeAll(async () => { api = await startTestApi(dbId, { limits: { maxGraphPage: 2 } }); });
  afterAll(async () => { await api.close(); });

  it('ingests uploaded files once (content-addressed), lists, reads, pages the graph with ETags, reads a node', async () => {
    const { token, versions } = await setup(api, 'ingest');
    const names = ['manifest.json', 'catalog.json', 'run_results.json', 'sources.json'];
    const first = await call(api, 'POST', versions, { token, form: await form(small, names) });
    expect(first.status).toBe(201);
    expect(first.body.version).toMatchObject({ manifestSchema: 'manifest/v12', dbtVersion: '1.9.1', nodeCount: 2, edgeCount: 1 });
    const again = await call(api, 'POST', versions, { token, form: await form(small, [...names].reverse()) });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, version: first.body.version });
    expect((await call(api, 'GET', versions, { token })).body).toEqual([first.body.version]);
    const v = `${versions}/${first.body.version.id}`;
    expect((await call(api, 'GET', v, { token })).body).toEqual(first.body.version);

    const page1 = await call(api, 'GET', `${v}/graph?limit=1`, { token });
    expect(page1.body.nodes).toHaveLength(1);
    const page2 = await call(api, 'GET', `${v}/graph?limit=1&after=${encodeURIComponent(page1.body.next)}`, { token });
    expect(page2.body.next).toBeNull();
    expect([...page1.body.edges, ...page2.body.edges]).toHaveLength(1);
    const etag = page1.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect((await call(api, 'GET', `${v}/graph?limit=1`, { token, headers: { 'if-none-match': etag ?? '' } })).status).toBe(304);
    expectProblem(await call(api, 'GET', `${v}/graph?limit=3`, { token }), 400, 'invalid-input');
    expectProblem(await call(api, 'GET', `${v}/graph?limit=abc`, { token }), 400, 'invalid-input');

    const id = page1.body.nodes[0].uniqueId as string;
    const node = await call(api, 'GET', `${v}/nodes/${encodeURIComponent(id)}`, { token });
    expect(node.body).toMatchObject({ uniqueId: id, node: { uniqueId: id } });
    expectProblem(await call(api, 'GET', `${v}/nodes/model.nope.nope`, { token }), 404, 'not-found');
  });

  it('pages full nodes with include=node, equal to the manifest\'s parsed nodes, under their own ETag', async () => {
    const { token, versions } = await setup(api, 'full-nodes');
    const version = (await call(api, 'POST', versions, { token, form: await form(lineage, ['manifest.json']) })).body.version;
    const { manifest } = parseManifest(parseArtifactText(await readFile(join(lineage, 'manifest.json'), 'utf8'), 'manifest.json'));
    const graph = `${versions}/${version.id}/graph`;
    const nodes: Array<{ uniqueId: string; kind: string; name: string; node: unknown }> = [];
    let after: string | null = null;
    do {
      const page = await call(api, 'GET', `${graph}?include=node${after === null ? '' : `&after=${encodeURIComponent(after)}`}`, { token });
      expect(page.status).toBe(200);
      nodes.push(...page.body.nodes);
      after = page.body.next;
    } while (after !== null);
    expect(nodes.map((n) => n.uniqueId)).toEqual([...manifest.nodes.keys()].sort());
    // The whole parsed node, as JSON carries it (tags, paths, config, columns, code, depends_on).
    for (const n of nodes) expect(n.node).toEqual(JSON.parse(JSON.stringify(manifest.nodes.get(n.uniqueId))));
    const model = nodes.find((n) => n.uniqueId === 'model.dbt_bigquery_test.test_first_dbt_model');
    expect(model?.node).toMatchObject({ originalFilePath: expect.stringMatching(/^models\//), config: { materialized: expect.any(String) }, tags: expect.any(Array) });

    const summary = await call(api, 'GET', graph, { token });
    const full = await call(api, 'GET', `${graph}?include=node`, { token });
    expect(summary.body.nodes.every((n: object) => !('node' in n))).toBe(true);
    expect(full.body.nodes.map((n: { uniqueId: string }) => n.uniqueId)).toEqual(summary.body.nodes.map((n: { uniqueId: string }) => n.uniqueId));
    const etag = full.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(etag).not.toBe(summary.headers.get('etag'));
    expect((await call(api, 'GET', `${graph}?include=node`, { token, headers: { 'if-none-match': etag } })).status).toBe(304);
    // A summary page's ETag does not validate the full page, nor the other way round.
    expect((await call(api, 'GET', `${graph}?include=node`, { token, headers: { 'if-none-match': summary.headers.get('etag') ?? '' } })).status).toBe(200);
    expect((await call(api, 'GET', graph, { token, headers: { 'if-none-match': etag } })).status).toBe(200);
    for (const bad of ['nodes', 'node,edges', '', 'NODE']) expectProblem(await call(api, 'GET', `${graph}?include=${encodeURIComponent(bad)}`, { token }), 400, 'invalid-input');
  });

  it('ingests a tar.gz of a target/ folder and diffs two versions', async () => {
    const { token, versions } = await setup(api, 'tarball');
    const dir = await mkdtemp(join(tmpdir(), 'sluice-tar-'));
    try {
      const archive = join(dir, 'target.tar.gz');
      await createTar({ gzip: true, file: archive, cwd: resolve(lineage, '..') }, ['target']);
      const f = new FormData();
      f.append('archive', new Blob([await readFile(archive)]), 'target.tar.gz');
      f.append('gitSha', 'abcdef1');
      const next = await call(api, 'POST', versions, { token, form: f });
      expect(next.status).toBe(201);
      expect(next.body.version).toMatchObject({ gitSha: 'abcdef1', nodeCount: 6 });
      expect(next.body.version.files.map((x: { kind: string }) => x.kind).sort()).toEqual(['manifest', 'run_results']);
      const prev = await call(api, 'POST', versions, { token, form: await form(small, ['manifest.json']) });
      const diff = await call(api, 'GET', `${versions}/${next.body.version.id}/diff?base=${prev.body.version.id}`, { token });
      expect(diff.status).toBe(200);
      expect(diff.body.counts.added).toBeGreaterThan(0);
      expect(diff.body.counts.removed).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects what is not a dbt artifact set with problem+json and stores nothing', async () => {
    const { tenantId, token, projectId, versions } = await setup(api, 'rejects');
    const before = await blobCount(api.blobRoot).catch(() => 0);
    const notArtifact = new FormData();
    notArtifact.append('files', new Blob(['{"hello": "world"}']), 'manifest.json');
    const r1 = await call(api, 'POST', versions, { token, form: notArtifact });
    expect(r1.status).toBe(400);
    expect(r1.body.type).toMatch(/^https:\/\/sluice\.dev\/problems\/artifact\//);
    const truncated = new FormData();
    truncated.append('files', new Blob(['{"metadata": {']), 'manifest.json');
    expectProblem(await call(api, 'POST', versions, { token, form: truncated }), 400, 'artifact/not_json');
    const badCatalog = await form(small, ['manifest.json']);
    badCatalog.append('files', new Blob(['[1,2]']), 'catalog.json');
    expect((await call(api, 'POST', versions, { token, form: badCatalog })).status).toBe(400);
    expectProblem(await call(api, 'POST', versions, { token, form: await form(small, ['catalog.json']) }), 400, 'missing-manifest');
    const unknown = new FormData();
    unknown.append('files', new Blob(['{}']), 'profiles.yml');
    expectProblem(await call(api, 'POST', versions, { token, form: unknown }), 400, 'unknown-artifact-file');
    expectProblem(await call(api, 'POST', versions, { token, form: new FormData() }), 400, 'invalid-upload');
    // Not multipart at all: a JSON body and no body are answered 400, not 500.
    expectProblem(await call(api, 'POST', versions, { token, json: { manifest: {} } }), 400, 'invalid-upload');
    expectProblem(await call(api, 'POST', versions, { token }), 400, 'invalid-upload');
    const notTar = new FormData();
    notTar.append('archive', new Blob(['definitely not gzip']), 'target.tar.gz');
    expect((await call(api, 'POST', versions, { token, form: notTar })).status).toBe(400);
    expect(await listProjectVersions({ db: api.store.db, tenantId, projectId })).toEqual([]);
    expect(await blobCount(api.blobRoot).catch(() => 0)).toBe(before);
  });

  it('never shows or changes another tenant\'s versions', async () => {
    const a = await setup(api, 'va');
    const b = await setup(api, 'vb');
    const v = (await call(api, 'POST', a.versions, { token: a.token, form: await form(small, ['manifest.json']) })).body.version;
    const paths = ['', `/${v.id}`, `/${v.id}/graph`, `/${v.id}/nodes/sample_node`, `/${v.id}/diff?base=${v.id}`];
    for (const p of paths) expectProblem(await call(api, 'GET', `${a.versions}${p}`, { token: b.token }), 404, 'not-found');
    expectProblem(await call(api, 'POST', a.versions, { token: b.token, form: await form(lineage, ['manifest.json']) }), 404, 'not-found');
    // B's own path naming A's project or version: not found either.
    const bBase = `/api/v1/tenants/${b.tenantId}/projects/${a.projectId}/versions`;
    expectProblem(await call(api, 'GET', bBase, { token: b.token }), 404, 'not-found');
    expectProblem(await call(api, 'GET', `${b.versions}/${v.id}`, { token: b.token }), 404, 'not-found');
    expect(await listProjectVersions({ db: api.store.db, tenantId: a.tenantId, projectId: a.projectId })).toHaveLength(1);
  });
});

describe('API upload limit', () => {
  it('answers 413 problem+json for an oversized upload and stores nothing', async () => {
    const api = await startTestApi('sqlite', { limits: { maxUploadBytes: 1000 } });
    try {
      const { tenantId, token, projectId, versions } = await setup(api, 'limit');
      expectProblem(await call(api, 'POST', versions, { token, form: await form(lineage, ['manifest.json']) }), 413, 'payload-too-large');
      expect(await listProjectVersions({ db: api.store.db, tenantId, projectId })).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
