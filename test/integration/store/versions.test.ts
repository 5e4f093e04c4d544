import {
  contentAddress, createOrg, createProject, createProjectVersion, createTenant, getGraphNode, getProjectVersion,
  listGraphPage, listProjectVersions, NotFoundError, type VersionFile,
} from '../../../store';
import { smallGraph } from './fixtures';
import { openTestDatabase, testDatabaseIds, type TestDatabase } from './testDatabases';

const files: VersionFile[] = [
  { kind: 'manifest', sha256: 'a'.repeat(64), size: 10 },
  { kind: 'catalog', sha256: 'b'.repeat(64), size: 5 },
];

describe.each(testDatabaseIds)('store project versions and graph on %s', (dbId) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(dbId); });
  afterAll(async () => { await t.dispose(); });

  it('is content-addressed: the same files twice create nothing new', async () => {
    const db = t.store.db;
    const tenant = await createTenant({ db, slug: 'v', name: 'V' });
    const org = await createOrg({ db, tenantId: tenant.id, slug: 'o', name: 'O' });
    const project = await createProject({ db, tenantId: tenant.id, orgId: org.id, slug: 'p', name: 'P' });
    const { nodes, edges } = smallGraph();
    const version = { tenantId: tenant.id, projectId: project.id, files, gitSha: null, dbtVersion: '1.9.0', manifestSchema: 'manifest/v12', nodes, edges };
    const first = await createProjectVersion({ db, version });
    expect(first.created).toBe(true);
    expect(first.version.contentSha256).toBe(contentAddress([...files].reverse()));
    const again = await createProjectVersion({ db, version: { ...version, files: [...files].reverse() } });
    expect(again).toEqual({ version: first.version, created: false });
    expect(Number(((await db('graph_nodes').where({ tenant_id: tenant.id }).count({ n: '*' }).first()) as { n: unknown }).n)).toBe(4);
    expect(await listProjectVersions({ db, tenantId: tenant.id, projectId: project.id })).toEqual([first.version]);

    const other = await createProjectVersion({ db, version: { ...version, files: [files[0]!] } });
    expect(other.created).toBe(true);
    expect(await listProjectVersions({ db, tenantId: tenant.id, projectId: project.id })).toHaveLength(2);
  });

  it('pages the graph by unique_id with each edge on the page of its child, and reads one node with its neighbours', async () => {
    const db = t.store.db;
    const tenant = await createTenant({ db, slug: 'g', name: 'G' });
    const intruder = await createTenant({ db, slug: 'g2', name: 'G2' });
    const org = await createOrg({ db, tenantId: tenant.id, slug: 'o', name: 'O' });
    const project = await createProject({ db, tenantId: tenant.id, orgId: org.id, slug: 'p', name: 'P' });
    const { nodes, edges } = smallGraph();
    const { version } = await createProjectVersion({
      db, version: { tenantId: tenant.id, projectId: project.id, files, gitSha: 'abc', dbtVersion: null, manifestSchema: 'manifest/v12', nodes, edges },
    });
    const seenNodes: string[] = [];
    const seenEdges: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await listGraphPage({ db, tenantId: tenant.id, versionId: version.id, after, limit: 3 });
      seenNodes.push(...page.items.map((n) => n.uniqueId));
      seenEdges.push(...page.edges.map((e) => `${e.from}>${e.to}`));
      after = page.next;
      pages += 1;
    } while (after);
    expect(pages).toBe(2);
    expect(seenNodes).toEqual(nodes.map((n) => n.uniqueId).sort());
    expect(seenEdges.sort()).toEqual(edges.map((e) => `${e.from}>${e.to}`).sort());

    const orders = await getGraphNode({ db, tenantId: tenant.id, versionId: version.id, uniqueId: 'model.shop.orders' });
    expect(orders.parents).toEqual(['model.shop.stg_customers', 'model.shop.stg_orders']);
    expect(orders.node.description).toBe('The orders model');
    expect((await getGraphNode({ db, tenantId: tenant.id, versionId: version.id, uniqueId: 'model.shop.stg_orders' })).children).toEqual(['model.shop.orders']);

    await expect(getProjectVersion({ db, tenantId: intruder.id, id: version.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getGraphNode({ db, tenantId: intruder.id, versionId: version.id, uniqueId: 'model.shop.orders' })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listGraphPage({ db, tenantId: intruder.id, versionId: version.id, limit: 10 })).items).toEqual([]);
  });
});
