// The run workflow with real dbt: the project's executeNode activity on the warm runner pool, dbt Core
// on PostgreSQL, the real Temporal dev server. Success, failure with downstream skipped, a transient
// warehouse error retried to success, and cancel during a pg_sleep model.
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { RunnerPool } from '../../../adapters/runner';
import { listNodeRuns } from '../../../store';
import { statusQuery } from '../../../workflows/planRunDefinitions';
import { repoRoot } from '../../support/env';
import { copyProject, freshDatabase, postgresProfile, pythonPath, withPg } from '../runner/runnerTestKit';
import { saveHistory } from './support/histories';
import { seedRun, startKit, startRun, waitFor, type Kit } from './support/kit';

jest.setTimeout(240_000);

const database = 'sluice_workflow_dbt_test';
const schema = 'wf';
let pool: RunnerPool;
let project: ReturnType<typeof copyProject>;
let kit: Kit;
const id = (name: string) => `model.workflow_fixture.${name}`;
const options = { retryInitialIntervalMs: 500, heartbeatTimeoutSeconds: 10 };

beforeAll(async () => {
  project = copyProject(join(repoRoot, 'test', 'fixtures', 'workflows', 'pg_project'));
  await freshDatabase(database);
  await withPg(database, async (c) => {
    await c.query(`create schema ${schema}`);
    await c.query(`create sequence ${schema}.flaky_calls`);
    await c.query(`create function ${schema}.sluice_flaky() returns int language plpgsql as $$
      begin
        if nextval('${schema}.flaky_calls') = 1 then
          raise exception 'could not serialize access due to concurrent update (simulated)' using errcode = '40001';
        end if;
        return 1;
      end $$`);
  });
  pool = await RunnerPool.start({ size: 2, pythonPath, cancelGraceMs: 10_000 });
  kit = await startKit({
    name: 'plan-run-dbt',
    node: {
      runnerPool: pool,
      heartbeatIntervalMs: 500,
      resolveNodeEnvironment: async () => ({ projectDir: project.dir, target: 'pg', profile: postgresProfile(database, schema) }),
    },
  });
});

afterAll(async () => {
  await kit?.close();
  await pool?.stop();
  project?.cleanup();
});

const statesOf = (nodes: Record<string, { state: string }>) => Object.fromEntries(Object.entries(nodes).map(([k, v]) => [k.split('.').pop(), v.state]));

it('runs a plan with dbt to success and records dbt results per node', async () => {
  const seeded = await seedRun(kit, { nodes: [{ id: id('root') }, { id: id('child'), deps: [id('root')] }, { id: id('other') }], concurrency: 2 });
  const result = await (await startRun(kit, seeded, options)).result();
  expect(result).toMatchObject({ status: 'success', counts: { success: 3 } });
  const rows = await listNodeRuns({ db: kit.store.db, tenantId: seeded.tenantId, runId: seeded.run.id });
  expect(rows.map((r) => [r.uniqueId, r.status, r.attempt])).toEqual([[id('child'), 'success', 1], [id('other'), 'success', 1], [id('root'), 'success', 1]]);
  expect(rows[0]?.executionTime).toBeGreaterThan(0);
  expect(rows[0]?.adapterResponse).toMatchObject({ rows_affected: 1 });
  expect(await withPg(database, async (c) => (await c.query(`select id from ${schema}.child`)).rows)).toEqual([{ id: 1 }]);
});

it('a dbt failure skips its descendants and lets the other branches finish; the run ends failed', async () => {
  const nodes = [
    { id: id('root') }, { id: id('broken'), deps: [id('root')] }, { id: id('after_broken'), deps: [id('broken')] },
    { id: id('child'), deps: [id('root')] }, { id: id('other') },
  ];
  const seeded = await seedRun(kit, { nodes, concurrency: 2 });
  const handle = await startRun(kit, seeded, options);
  const result = await handle.result();
  expect(result).toMatchObject({ status: 'failed', failed: [id('broken')] });
  const status = await handle.query(statusQuery);
  expect(statesOf(status.nodes)).toEqual({ root: 'success', broken: 'failed', after_broken: 'upstream_failed', child: 'success', other: 'success' });
  // A database error is not retried: the same SQL would fail again.
  expect(status.nodes[id('broken')]).toMatchObject({ errorType: 'DbtDatabaseError', attempt: 1 });
  const rows = await listNodeRuns({ db: kit.store.db, tenantId: seeded.tenantId, runId: seeded.run.id });
  expect(rows.find((r) => r.uniqueId === id('broken'))?.message).toMatch(/DbtDatabaseError.*table_that_does_not_exist/s);
});

it('a transient warehouse error is retried with backoff and succeeds on the second attempt', async () => {
  const seeded = await seedRun(kit, { nodes: [{ id: id('flaky') }] });
  const handle = await startRun(kit, seeded, options);
  expect((await handle.result()).status).toBe('success');
  expect((await handle.query(statusQuery)).nodes[id('flaky')]).toMatchObject({ state: 'success', attempt: 2 });
  const history = await handle.fetchHistory();
  const failed = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes?.attempt === 2);
  expect(failed).toHaveLength(1);
  const rows = await listNodeRuns({ db: kit.store.db, tenantId: seeded.tenantId, runId: seeded.run.id });
  expect(rows.map((r) => [r.status, r.attempt])).toEqual([['success', 2]]);
  await saveHistory(handle, 'planRun-dbt-transient-retry');
});

it('cancel during a pg_sleep model: dbt is interrupted, the query is gone within 10 s, the run ends canceled', async () => {
  const seeded = await seedRun(kit, { nodes: [{ id: id('root') }, { id: id('slow'), deps: [id('root')] }, { id: id('after_slow'), deps: [id('slow')] }] });
  const handle = await startRun(kit, seeded, options);
  const sleeping = () => withPg(database, async (c) => (await c.query(
    "select pid from pg_stat_activity where datname = $1 and query like '%pg_sleep(120)%' and pid <> pg_backend_pid()", [database],
  )).rows);
  expect(await waitFor(sleeping, (r) => r.length > 0, 60_000)).toHaveLength(1);
  const canceledAt = Date.now();
  await handle.cancel();
  const gone = await waitFor(sleeping, (r) => r.length === 0, 10_000, 100);
  const seconds = (Date.now() - canceledAt) / 1000;
  expect(gone).toEqual([]);
  expect(seconds).toBeLessThan(10);
  await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
  const status = await handle.query(statusQuery);
  expect(status.lifecycle).toBe('canceled');
  expect(statesOf(status.nodes)).toEqual({ root: 'success', slow: 'interrupted', after_slow: 'not_run' });
  const rows = await listNodeRuns({ db: kit.store.db, tenantId: seeded.tenantId, runId: seeded.run.id });
  expect(Object.fromEntries(rows.map((r) => [r.uniqueId.split('.').pop(), r.status]))).toEqual({ root: 'success', slow: 'interrupted', after_slow: 'not_run' });
  await saveHistory(handle, 'planRun-dbt-cancel-pg-sleep');
  process.stdout.write(`cancel → pg_sleep query gone after ${seconds.toFixed(1)} s\n`);
});
