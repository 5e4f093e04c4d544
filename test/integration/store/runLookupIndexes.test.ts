// The run lookup indexes (migration 20261123000500_run_lookup_indexes) and the run listing that
// filters in SQL, on SQLite and PostgreSQL.
import type { Knex } from 'knex';
import { createEnvironment, createOrg, createPlan, createProject, createProjectVersion, createRun, createTenant, listRuns, updateRunStatus } from '../../../store';
import { migrationSource } from '../../../store/migrations';
import { smallGraph } from './fixtures';
import { openTestDatabase, testDatabaseIds, type TestDatabase } from './testDatabases';

const MIGRATION = '20261123000500_run_lookup_indexes';
const NODE_INDEX = 'node_runs_unique_id_tenant_id_index';
const STATUS_INDEX = 'runs_tenant_id_project_id_status_created_at_index';
const CREATED_INDEX = 'runs_tenant_id_project_id_created_at_index';

/** The table's indexes, each with its columns in order. */
async function indexesOf(db: Knex, table: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  if (db.client.config.client === 'pg') {
    const { rows } = (await db.raw('select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = ?', [table])) as { rows: Array<{ indexname: string; indexdef: string }> };
    for (const r of rows) out[r.indexname] = (/\(([^)]*)\)$/.exec(r.indexdef)?.[1] ?? '').split(',').map((c) => c.trim().replace(/"/g, ''));
    return out;
  }
  const names = (await db('sqlite_master').where({ type: 'index', tbl_name: table }).select('name')) as Array<{ name: string }>;
  for (const { name } of names) out[name] = ((await db.raw('select name from pragma_index_info(?) order by seqno', [name])) as Array<{ name: string }>).map((c) => c.name);
  return out;
}

const without = (indexes: Record<string, string[]>, name: string): Record<string, string[]> => Object.fromEntries(Object.entries(indexes).filter(([n]) => n !== name));

describe.each(testDatabaseIds)('run lookup indexes on %s', (dbId) => {
  it('the migration creates both indexes, its down drops only them, and it applies again', async () => {
    const { store, dispose } = await openTestDatabase(dbId, false);
    const db = store.db;
    try {
      expect(await store.migrateLatest()).toContain(MIGRATION);
      expect(await indexesOf(db, 'node_runs')).toMatchObject({ [NODE_INDEX]: ['unique_id', 'tenant_id'] });
      expect(await indexesOf(db, 'runs')).toMatchObject({ [STATUS_INDEX]: ['tenant_id', 'project_id', 'status', 'created_at'], [CREATED_INDEX]: ['tenant_id', 'project_id', 'created_at'] });

      const before = { nodeRuns: await indexesOf(db, 'node_runs'), runs: await indexesOf(db, 'runs') };
      await db.migrate.down({ migrationSource, name: MIGRATION });
      const nodeRuns = await indexesOf(db, 'node_runs');
      const runs = await indexesOf(db, 'runs');
      expect(Object.keys(nodeRuns)).not.toContain(NODE_INDEX);
      expect(Object.keys(runs)).not.toContain(STATUS_INDEX);
      expect({ nodeRuns, runs }).toEqual({ nodeRuns: without(before.nodeRuns, NODE_INDEX), runs: without(before.runs, STATUS_INDEX) });

      await db.migrate.up({ migrationSource, name: MIGRATION });
      expect({ nodeRuns: await indexesOf(db, 'node_runs'), runs: await indexesOf(db, 'runs') }).toEqual(before);
    } finally {
      await dispose();
    }
  });

  describe('listRuns filters in SQL', () => {
    let t: TestDatabase;
    beforeAll(async () => { t = await openTestDatabase(dbId); });
    afterAll(async () => { await t.dispose(); });

    async function seed(slug: string) {
      const db = t.store.db;
      const tenant = await createTenant({ db, slug, name: slug });
      const org = await createOrg({ db, tenantId: tenant.id, slug: 'o', name: 'O' });
      const project = await createProject({ db, tenantId: tenant.id, orgId: org.id, slug: 'p', name: 'P' });
      const envA = await createEnvironment({ db, tenantId: tenant.id, projectId: project.id, name: 'a', target: 'a' });
      const envB = await createEnvironment({ db, tenantId: tenant.id, projectId: project.id, name: 'b', target: 'b' });
      const { nodes, edges } = smallGraph();
      const { version } = await createProjectVersion({
        db,
        version: { tenantId: tenant.id, projectId: project.id, files: [{ kind: 'manifest', sha256: 'c'.repeat(64), size: 1 }], gitSha: null, dbtVersion: null, manifestSchema: 'manifest/v12', nodes, edges },
      });
      const plan = (environmentId: string, hash: string) => createPlan({ db, tenantId: tenant.id, environmentId, versionId: version.id, planHash: hash, body: { nodes: [] }, createdBy: 'alice' });
      return { db, tenant, project, envA, envB, planA: await plan(envA.id, `a-${slug}`), planB: await plan(envB.id, `b-${slug}`) };
    }

    it('finds an old awaiting_approval run behind 1,000 newer runs, filters by environment and plan, newest first, within the tenant and project', async () => {
      const { db, tenant, project, envA, envB, planA, planB } = await seed('listing');
      const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
      const waiting = (await createRun({ db, tenantId: tenant.id, planId: planA.id, requestedBy: 'alice', now: at(0) })).run;
      await updateRunStatus({ db, tenantId: tenant.id, id: waiting.id, status: 'planning', now: at(0) });
      await updateRunStatus({ db, tenantId: tenant.id, id: waiting.id, status: 'awaiting_approval', now: at(0) });
      // 1,000 newer ended runs of plan A: the old in-memory filter over the latest 1,000 never saw `waiting`.
      const filler = Array.from({ length: 1000 }, (_, i) => {
        const ts = at(10 + i).toISOString();
        const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        return {
          id, tenant_id: tenant.id, project_id: project.id, environment_id: envA.id, plan_id: planA.id, status: 'success', workflow_id: `run/${project.id}/${id}`,
          requested_by: 'alice', idempotency_key: null, created_at: ts, updated_at: ts, started_at: ts, finished_at: ts,
        };
      });
      for (let i = 0; i < filler.length; i += 250) await db('runs').insert(filler.slice(i, i + 250));
      const inB = (await createRun({ db, tenantId: tenant.id, planId: planB.id, requestedBy: 'bob', now: at(5000) })).run;

      const ids = async (filter: Parameters<typeof listRuns>[0]['filter'], limit = 50) => (await listRuns({ db, tenantId: tenant.id, projectId: project.id, filter, limit })).map((r) => r.id);
      expect(await ids({ status: 'awaiting_approval' })).toEqual([waiting.id]);
      expect(await ids({ status: 'awaiting_approval', environmentId: envA.id, planId: planA.id })).toEqual([waiting.id]);
      expect(await ids({ status: 'awaiting_approval', environmentId: envB.id })).toEqual([]);
      expect(await ids({ environmentId: envB.id })).toEqual([inB.id]);
      expect(await ids({ planId: planB.id })).toEqual([inB.id]);
      expect(await ids({ status: 'queued' })).toEqual([inB.id]);
      const newest = filler.slice(-3).reverse().map((r) => r.id);
      expect(await ids({ status: 'success', environmentId: envA.id }, 3)).toEqual(newest);
      expect(await ids({ planId: planA.id }, 3)).toEqual(newest);
      expect(await ids({}, 2)).toEqual([inB.id, newest[0]]);
      expect(await ids(undefined, 1)).toEqual([inB.id]);

      // Another project of the tenant, and another tenant, see none of these.
      const other = await seed('listing-other');
      const otherWaiting = (await createRun({ db, tenantId: other.tenant.id, planId: other.planA.id, requestedBy: 'carol' })).run;
      await updateRunStatus({ db, tenantId: other.tenant.id, id: otherWaiting.id, status: 'planning' });
      await updateRunStatus({ db, tenantId: other.tenant.id, id: otherWaiting.id, status: 'awaiting_approval' });
      expect(await ids({ status: 'awaiting_approval' })).toEqual([waiting.id]);
      expect((await listRuns({ db, tenantId: other.tenant.id, projectId: project.id, filter: { status: 'awaiting_approval' }, limit: 50 }))).toEqual([]);
      expect((await listRuns({ db, tenantId: other.tenant.id, filter: { status: 'awaiting_approval' }, limit: 50 })).map((r) => r.id)).toEqual([otherWaiting.id]);
    });
  });
});

// SQLite has no statistics here (nothing runs ANALYZE), so its plans depend only on the schema and the
// query: stable enough to pin. PostgreSQL plans depend on table statistics; only existence is checked there.
describe('run lookup indexes on sqlite: what the planner does with them', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase('sqlite'); });
  afterAll(async () => { await t.dispose(); });

  const plan = async (sql: string, bindings: readonly string[]): Promise<string> =>
    ((await t.store.db.raw(`explain query plan ${sql}`, [...bindings])) as Array<{ detail: string }>).map((r) => r.detail).join(' / ');

  it('counts and lists a status on the status index, finds a node on the node index, sums a run on the run key', async () => {
    expect(await plan('select count(*) from runs where tenant_id = ? and project_id = ? and status = ?', ['t', 'p', 'awaiting_approval'])).toContain(`COVERING INDEX ${STATUS_INDEX}`);
    expect(await plan('select * from runs where tenant_id = ? and project_id = ? and status = ? order by created_at desc, id desc limit 50', ['t', 'p', 'awaiting_approval'])).toContain(`INDEX ${STATUS_INDEX}`);
    expect(await plan('select * from runs where tenant_id = ? and project_id = ? order by created_at desc, id desc limit 50', ['t', 'p'])).toContain(`INDEX ${CREATED_INDEX}`);
    expect(await plan('select * from node_runs where tenant_id = ? and unique_id = ?', ['t', 'model.shop.orders'])).toContain(`INDEX ${NODE_INDEX}`);
    // The trends' per-run sum: an index led by tenant_id would have won here and read the tenant's every node row per run.
    expect(await plan('select sum(execution_time) from node_runs where tenant_id = ? and run_id = ?', ['t', 'r'])).toContain('INDEX node_runs_run_id_unique_id_attempt_unique (run_id=?)');
  });
});
