// The executeNode activity in Temporal's activity test environment, on the real pool and DuckDB:
// results, ApplicationFailure types, heartbeats, and Temporal cancellation turned into an interrupt.
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { join } from 'node:path';
import { RunnerPool } from '../../../adapters/runner';
import { createExecuteNode, type ExecuteNodeInput, type ExecuteNodeOutput } from '../../../activities/executeNode';
import { copyProject, duckdbProfile, pythonPath, runnerFixture } from './runnerTestKit';

jest.setTimeout(120_000);

let pool: RunnerPool;
let project: ReturnType<typeof copyProject>;
const input = (uniqueId: string, command: ExecuteNodeInput['command']): ExecuteNodeInput => ({
  runId: 'run-1', tenantId: 'tenant-a', environmentId: 'env-dev', projectVersionId: 'v1', nodeUuid: 'uuid-1', uniqueId, command,
});

beforeAll(async () => {
  project = copyProject(runnerFixture);
  pool = await RunnerPool.start({ size: 1, pythonPath });
});
afterAll(async () => {
  await pool?.stop();
  project?.cleanup();
});

function activity(heartbeatIntervalMs = 5_000) {
  const logs: string[] = [];
  const executeNode = createExecuteNode({
    runnerPool: pool,
    heartbeatIntervalMs,
    resolveNodeEnvironment: async () => ({ projectDir: project.dir, target: 'dev', profile: duckdbProfile(join(project.dir, '..', 'wh.duckdb')) }),
    onLog: (_input, event) => logs.push(event.name),
  });
  return { executeNode, logs };
}

test('a successful node returns dbt result without logs or SQL text, heartbeating and streaming logs', async () => {
  const env = new MockActivityEnvironment();
  const beats: unknown[] = [];
  env.on('heartbeat', (d: unknown) => beats.push(d));
  const { executeNode, logs } = activity(50);
  const out: ExecuteNodeOutput = await env.run(executeNode, input('model.runner_fixture.ok_model', 'run'));
  expect(out).toMatchObject({ uniqueId: 'model.runner_fixture.ok_model', status: 'success', error: null });
  expect(out.logCount).toBe(logs.length);
  expect(logs).toContain('LogModelResult');
  expect(out).not.toHaveProperty('logs');
  expect(out).not.toHaveProperty('compiledCode');
  expect(beats.length).toBeGreaterThanOrEqual(1);
});

test.each([
  ['test.runner_fixture.assert_ok_model_is_empty', 'test', 'DbtTestFailure'],
  ['model.runner_fixture.compile_error_model', 'run', 'DbtCompilationError'],
  ['model.runner_fixture.failing_model', 'run', 'DbtRuntimeError'],
] as const)('%s (%s) fails with a non-retryable %s', async (uniqueId, command, type) => {
  const error = await new MockActivityEnvironment().run(activity().executeNode, input(uniqueId, command)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApplicationFailure);
  expect(error).toMatchObject({ type, nonRetryable: true });
});

test('Temporal cancellation interrupts the node and surfaces as CancelledFailure', async () => {
  // A DuckDB query long enough to cancel: the cross join runs for minutes.
  const env = new MockActivityEnvironment();
  const { executeNode } = activity();
  const running = env.run(executeNode, input('model.runner_fixture.slow_duckdb_model', 'run'));
  await new Promise((r) => setTimeout(r, 2_500));
  const canceledAt = Date.now();
  env.cancel();
  await expect(running).rejects.toBeInstanceOf(CancelledFailure);
  expect(Date.now() - canceledAt).toBeLessThan(10_000);
});
