import { parseManifest } from '../../../domain/artifacts/manifest';
import { buildLogicalGraph } from '../../../domain/graph/build';
import { createOrg, createProject, createProjectVersion, createTenant, listGraphPage } from '../../../store';
import { generateManifest } from '../../../bench/ingest/generate';
import { openTestDatabase, testDatabaseIds, type TestDatabase } from './testDatabases';

// A version larger than one insert batch (1,000 rows) with a partial last batch: every node and
// edge is stored exactly once, on both databases.
jest.setTimeout(120_000);

describe.each(testDatabaseIds)('a large project version on %s', (dbId) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(dbId); });
  afterAll(async () => { await t.dispose(); });

  it('stores every node and edge of a 2,000+ node graph', async () => {
    const db = t.store.db;
    const tenant = await createTenant({ db, slug: 'large', name: 'Large' });
    const org = await createOrg({ db, tenantId: tenant.id, slug: 'o', name: 'O' });
    const project = await createProject({ db, tenantId: tenant.id, orgId: org.id, slug: 'p', name: 'P' });
    const { manifest } = parseManifest(generateManifest({ models: 700, testsPerModel: 2, seed: 7 }));
    const graph = buildLogicalGraph(manifest, project.id);
    expect(graph.nodes.size).toBeGreaterThan(2000);
    expect(graph.nodes.size % 1000).not.toBe(0);
    const { version } = await createProjectVersion({
      db,
      version: {
        tenantId: tenant.id, projectId: project.id, files: [{ kind: 'manifest', sha256: 'c'.repeat(64), size: 1 }],
        gitSha: null, dbtVersion: manifest.dbtVersion, manifestSchema: 'manifest/v12',
        nodes: graph.nodes.values(), edges: graph.edges,
      },
    });
    const count = async (table: string) =>
      Number(((await db(table).where({ tenant_id: tenant.id, version_id: version.id }).count({ n: '*' }).first()) as { n: unknown }).n);
    expect(await count('graph_nodes')).toBe(graph.nodes.size);
    expect(await count('graph_edges')).toBe(graph.edges.length);
    const seen = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const page = await listGraphPage({ db, tenantId: tenant.id, versionId: version.id, limit: 900, ...(after ? { after } : {}) });
      for (const n of page.items) seen.add(n.uniqueId);
      if (!page.next) break;
      after = page.next;
    }
    expect([...seen].sort()).toEqual([...graph.nodes.keys()].sort());
  });
});
