// The warm pool on DuckDB with the fixture project: results, failure kinds and secret redaction.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RunnerError, RunnerPool, type RunNodeRequest } from '../../../adapters/runner';
import { copyProject, duckdbProfile, pythonPath, queryContext, runnerFixture } from './runnerTestKit';

jest.setTimeout(120_000);

const token = 'tok-9f8e7d6c-secret';
let pool: RunnerPool;
let project: ReturnType<typeof copyProject>;

function request(uniqueId: string, command: RunNodeRequest['command']): RunNodeRequest {
  return {
    projectDir: project.dir, projectVersion: 'v1', target: 'dev', profile: duckdbProfile(join(project.dir, '..', 'warehouse.duckdb')),
    uniqueId, command, query: queryContext, secretEnv: { FIXTURE_API_TOKEN: token },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  project = copyProject(runnerFixture);
  pool = await RunnerPool.start({ size: 1, pythonPath });
});

afterAll(async () => {
  await pool?.stop();
  project?.cleanup();
});

test('runs a model and its child on one warm process, parsing the project once', async () => {
  const first = await pool.runNode(request('model.runner_fixture.ok_model', 'run'));
  const second = await pool.runNode(request('model.runner_fixture.child_model', 'run'));
  expect(first).toMatchObject({ status: 'success', error: null, cacheHit: false });
  expect(second).toMatchObject({ status: 'success', error: null, cacheHit: true, runnerPid: first.runnerPid });
  expect(second.executionTime).toBeGreaterThan(0);
  expect(second.timing.map((t) => t.name)).toEqual(['compile', 'execute']);
  expect(second.compiledPath).toMatch(/compiled[/\\]runner_fixture[/\\]models[/\\]child_model\.sql$/);
  expect(second.compiledCode).toContain('ok_model');
  expect(second.logs.some((e) => e.name === 'LogModelResult' && e.nodeId === 'model.runner_fixture.child_model')).toBe(true);
});

test('a database error is an error result of kind runtime, not a thrown exception', async () => {
  const result = await pool.runNode(request('model.runner_fixture.failing_model', 'run'));
  expect(result.status).toBe('error');
  expect(result.error?.kind).toBe('runtime');
  expect(result.message).toContain('table_that_does_not_exist');
});

test('a compilation error raised while running is classified compilation', async () => {
  const result = await pool.runNode(request('model.runner_fixture.compile_error_model', 'run'));
  expect(result).toMatchObject({ status: 'error', error: { kind: 'compilation' } });
  expect(result.message).toContain('intentional compile error');
});

test('failing generic and singular tests are `fail` with their failure counts', async () => {
  await pool.runNode(request('model.runner_fixture.ok_model', 'run'));
  await pool.runNode(request('model.runner_fixture.child_model', 'run'));
  const singular = await pool.runNode(request('test.runner_fixture.assert_ok_model_is_empty', 'test'));
  expect(singular).toMatchObject({ status: 'fail', failures: 1, error: { kind: 'test_failure' } });
  const generic = await pool.runNode(request('test.runner_fixture.child_model_has_no_ones.bf3de749b2', 'test'));
  expect(generic).toMatchObject({ status: 'fail', failures: 1, error: { kind: 'test_failure' } });
  const passing = await pool.runNode(request('test.runner_fixture.not_null_ok_model_id.cd0cf44fd7', 'build'));
  expect(passing).toMatchObject({ status: 'pass', failures: 0, error: null });
});

test('seeds run with `seed` and a command that cannot run the node is refused', async () => {
  const seeded = await pool.runNode(request('seed.runner_fixture.fixture_seed', 'seed'));
  expect(seeded).toMatchObject({ status: 'success', adapterResponse: { rows_affected: 2 } });
  const refused = await pool.runNode(request('seed.runner_fixture.fixture_seed', 'run'));
  expect(refused).toMatchObject({ status: 'error', error: { kind: 'configuration' } });
  const unknown = await pool.runNode(request('model.runner_fixture.no_such_model', 'run'));
  expect(unknown).toMatchObject({ status: 'error', error: { kind: 'configuration' } });
});

test('secret values never come back: not in the message, the logs, the SQL, nor the files dbt left', async () => {
  const result = await pool.runNode({ ...request('model.runner_fixture.leaky_model', 'run'), logLevel: 'debug' });
  expect(result.status).toBe('error');
  const returned = JSON.stringify(result);
  expect(returned).not.toContain(token);
  expect(result.message).toContain('***');
  expect(result.logs.some((e) => e.msg.includes('token is ***'))).toBe(true);
  expect(result.compiledCode).toContain("cast('***' as integer)");
  const workDir = result.compiledPath?.split(`${join('/', 'projects')}`)[0] ?? '';
  expect(workDir.length).toBeGreaterThan(1);
  for (const file of filesUnder(workDir)) expect(readFileSync(file).includes(token)).toBe(false);
});

test('an invalid request is refused before it reaches a runner', async () => {
  const bad = { ...request('model.runner_fixture.ok_model', 'run'), query: { ...queryContext, runId: 'x*/drop table' } };
  await expect(pool.runNode(bad)).rejects.toMatchObject({ kind: 'configuration' });
  await expect(pool.runNode({ ...request('model.runner_fixture.ok_model', 'run'), secretEnv: { A: 'ab' } })).rejects.toBeInstanceOf(RunnerError);
  expect(pool.health()).toMatchObject({ size: 1, ready: 1 });
});
