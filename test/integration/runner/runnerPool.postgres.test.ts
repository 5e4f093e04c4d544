// The warm pool on PostgreSQL: cancel stops the warehouse query, every query carries Sluice's
// comment, a killed or hung runner is replaced and its request fails retryably, secrets stay out.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RunnerPool, type NodeRunResult, type RunNodeRequest } from '../../../adapters/runner';
import { copyProject, databaseOwner, freshDatabase, type PgLogin, postgresProfile, pythonPath, queryContext, runnerFixture, withPg } from './runnerTestKit';

jest.setTimeout(180_000);

const database = 'sluice_runner_pool_test';
let pool: RunnerPool;
let project: ReturnType<typeof copyProject>;
let login: PgLogin;

function request(uniqueId: string, runId = queryContext.runId): RunNodeRequest {
  return {
    projectDir: project.dir, projectVersion: 'v1', target: 'pg', profile: postgresProfile(database, 'runner', login),
    uniqueId, command: 'run', query: { ...queryContext, runId },
  };
}

/** Queries of the test database that are sleeping, as pg_stat_activity shows them. */
async function sleepingQueries(): Promise<string[]> {
  return withPg(database, async (c) => (await c.query<{ query: string }>(
    "select query from pg_stat_activity where datname = $1 and query like '%pg_sleep%' and pid <> pg_backend_pid()", [database],
  )).rows.map((r) => r.query));
}

async function waitFor<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  project = copyProject(runnerFixture);
  await freshDatabase(database);
  login = await databaseOwner(database, 'sluice_runner_pool_tester');
  pool = await RunnerPool.start({ size: 2, pythonPath, cancelGraceMs: 10_000 });
  // Warm both slots so the cases below measure cancellation, not parsing.
  await Promise.all([pool.runNode(request('model.runner_fixture.ok_model')), pool.runNode(request('model.runner_fixture.ok_model'))]);
});

afterAll(async () => {
  await pool?.stop();
  project?.cleanup();
});

test('cancel interrupts dbt, the pg_sleep(120) query leaves pg_stat_activity within 10 s, the reply says canceled', async () => {
  const controller = new AbortController();
  const running = pool.runNode(request('model.runner_fixture.slow_model', 'run-cancel'), { signal: controller.signal });
  const seen = await waitFor(sleepingQueries, (q) => q.length > 0, 30_000);
  expect(seen).toHaveLength(1);
  // The query carries run id, node uuid, tenant and environment as dbt's query comment.
  const comment = /\/\* (\{.*?\}) \*\//.exec(seen[0] ?? '')?.[1];
  expect(JSON.parse(comment ?? '{}')).toEqual({
    app: 'sluice', run_id: 'run-cancel', node_uuid: queryContext.nodeUuid, tenant: queryContext.tenant,
    environment: queryContext.environment, node_id: 'model.runner_fixture.slow_model',
  });
  const canceledAt = Date.now();
  controller.abort();
  const result: NodeRunResult = await running;
  expect(result.status).toBe('canceled');
  expect(result.error?.kind).toBe('canceled');
  const after = await waitFor(sleepingQueries, (q) => q.length === 0, 10_000);
  expect(after).toEqual([]);
  expect(Date.now() - canceledAt).toBeLessThan(10_000);
  // The pool replaces the interrupted process and keeps serving.
  await expect(pool.runNode(request('model.runner_fixture.child_model'))).resolves.toMatchObject({ status: 'success' });
});

test('the profile password never reaches a file or a reply, even while dbt runs', async () => {
  const controller = new AbortController();
  const running = pool.runNode({ ...request('model.runner_fixture.slow_model', 'run-files'), logLevel: 'debug' }, { signal: controller.signal });
  await waitFor(sleepingQueries, (q) => q.length > 0, 30_000);
  const files = pool.health().slots.flatMap((s) => (s.workDir ? filesUnder(s.workDir) : []));
  // The generated profile exists while dbt runs, and holds an env_var() reference, not the value.
  const profiles = files.filter((f) => f.endsWith('profiles.yml'));
  expect(profiles).toHaveLength(1);
  expect(readFileSync(profiles[0] ?? '', 'utf8')).toContain("env_var(''DBT_ENV_SECRET_SLUICE_PASSWORD'')");
  for (const file of files) expect(readFileSync(file).includes(login.password)).toBe(false);
  controller.abort();
  const result = await running;
  expect(result.status).toBe('canceled');
  expect(result.logs.length).toBeGreaterThan(0);
  expect(JSON.stringify(result)).not.toContain(login.password);
});

test('a runner killed mid-node fails its request with a retryable runner_crashed and is replaced', async () => {
  const running = pool.runNode(request('model.runner_fixture.slow_model', 'run-kill'));
  await waitFor(sleepingQueries, (q) => q.length > 0, 30_000);
  const busy = pool.health().slots.find((s) => s.state === 'busy');
  expect(busy?.pid).toBeGreaterThan(0);
  process.kill(busy?.pid ?? -1, 'SIGKILL');
  await expect(running).rejects.toMatchObject({ kind: 'runner_crashed' });
  const health = await waitFor(async () => pool.health(), (h) => h.ready === 2, 60_000);
  expect(health.ready).toBe(2);
  expect(health.slots.map((s) => s.pid)).not.toContain(busy?.pid);
  // The orphaned query belongs to a dead client; clean it up so later cases see an idle database.
  await withPg(database, (c) => c.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and query like '%pg_sleep%' and pid <> pg_backend_pid()", [database]));
  await expect(pool.runNode(request('model.runner_fixture.ok_model'))).resolves.toMatchObject({ status: 'success' });
});

test('a node over its time limit is interrupted (the query stops) and fails with runner_timeout', async () => {
  await waitFor(sleepingQueries, (q) => q.length === 0, 10_000);
  const outcome = await pool.runNode(request('model.runner_fixture.slow_model', 'run-timeout'), { timeoutMs: 4_000 }).catch((e: unknown) => e);
  expect(outcome).toMatchObject({ kind: 'runner_timeout' });
  await expect(waitFor(sleepingQueries, (q) => q.length === 0, 10_000)).resolves.toEqual([]);
});

test('a schema dropped behind a warm runner is recreated: the node reruns once and succeeds', async () => {
  // The pool hands a request to the first idle slot: with both slots ready, sequential requests share one process.
  await waitFor(async () => pool.health(), (h) => h.ready === 2, 60_000);
  const runId = 'run-schema-dropped';
  // This process sees schema `runner` exist in this run; later nodes of the run skip dbt's create_schemas.
  await expect(pool.runNode(request('model.runner_fixture.ok_model', runId))).resolves.toMatchObject({ status: 'success' });
  await withPg(database, (c) => c.query('drop schema runner cascade'));
  const result = await pool.runNode({ ...request('model.runner_fixture.ok_model', runId), logLevel: 'debug' });
  expect(result.status).toBe('success');
  expect(result.error).toBeNull();
  // The first attempt trusted the schema and failed; its log lines stay, then come the rerun's.
  const modelResults = result.logs.filter((e) => e.name === 'LogModelResult');
  expect(modelResults).toHaveLength(2);
  expect(modelResults[0]?.msg).toMatch(/ERROR/);
  const tables = await withPg(database, async (c) => (await c.query<{ n: string }>(
    "select count(*) as n from information_schema.tables where table_schema = 'runner' and table_name = 'ok_model'",
  )).rows[0]?.n);
  expect(Number(tables)).toBe(1);
  // The next node of the run finds the recreated schema.
  await expect(pool.runNode(request('model.runner_fixture.child_model', runId))).resolves.toMatchObject({ status: 'success' });
});

test('two environments that differ only in schema build into their own schemas on one warm process', async () => {
  const inSchema = (schema: string, runId: string): RunNodeRequest => ({
    ...request('model.runner_fixture.ok_model', runId),
    profile: postgresProfile(database, schema, login),
  });
  // Same project version and target name: only the profile's schema differs.
  await expect(pool.runNode(inSchema('env_blue', 'run-blue'))).resolves.toMatchObject({ status: 'success' });
  await expect(pool.runNode(inSchema('env_green', 'run-green'))).resolves.toMatchObject({ status: 'success' });
  const schemas = await withPg(database, async (c) => (await c.query<{ table_schema: string }>(
    "select table_schema from information_schema.tables where table_name = 'ok_model' and table_schema in ('env_blue', 'env_green') order by 1",
  )).rows.map((r) => r.table_schema));
  expect(schemas).toEqual(['env_blue', 'env_green']);
});
