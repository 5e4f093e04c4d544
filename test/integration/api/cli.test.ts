// The `sluice` CLI (spawned as `node bin/sluice.js`) against a live API with Temporal and a worker.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryBus, type Bus } from '../../../adapters/bus';
import { connectTemporalClient, type TemporalClientHandle } from '../../../temporal/client';
import { temporalConfigSchema } from '../../../temporal/config';
import { installTemporalRuntime } from '../../../temporal/runtime';
import { registerSearchAttributes } from '../../../temporal/searchAttributes';
import type { SluiceWorker } from '../../../temporal/worker';
import { repoRoot, serviceEnv } from '../../support/env';
import { startKitWorker } from '../workflows/support/kit';
import { noopExecuteNode } from '../workflows/support/noopNodes';
import { call, type TestApi } from './harness';
import { lineageTarget, setupProject, startRunsTestApi, tokenFor, until, type ProjectSetup } from './plansSupport';

jest.setTimeout(180_000);

try {
  installTemporalRuntime('WARN');
} catch {
  // already installed in this jest worker
}

let api: TestApi;
let temporal: TemporalClientHandle;
let worker: SluiceWorker;
let bus: Bus;
let dir: string;
let p: ProjectSetup;

beforeAll(async () => {
  const config = temporalConfigSchema.parse({ address: serviceEnv('SLUICE_TEST_TEMPORAL_ADDRESS'), taskQueue: `api-cli-${process.pid}-${Date.now()}` });
  temporal = await connectTemporalClient(config);
  await registerSearchAttributes(temporal.connection, config.namespace);
  bus = createMemoryBus();
  api = await startRunsTestApi('sqlite', { temporal: { client: temporal.client, taskQueue: config.taskQueue, namespace: config.namespace, uiUrl: 'http://127.0.0.1:8233' }, bus });
  worker = await startKitWorker({ config, store: api.store }, { name: 'api-cli', executeNode: noopExecuteNode() });
  dir = mkdtempSync(join(tmpdir(), 'sluice-cli-'));
  p = await setupProject(api, 'cli');
});
afterAll(async () => {
  await worker?.shutdown();
  await api?.close();
  await bus?.close();
  await temporal?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI asynchronously (the API serves from this same process). */
function sluice(args: string[], config = join(dir, 'config.json')): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'sluice.js'), ...args], { env: { ...process.env, SLUICE_CONFIG: config }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const oneLine = (s: string): void => expect(s.trim().split('\n')).toHaveLength(1);

it('login checks the token and saves the config with mode 0600; a bad token or no login is one line and exit 2', async () => {
  const fresh = join(dir, 'none', 'config.json');
  const notLoggedIn = await sluice(['runs'], fresh);
  expect(notLoggedIn.code).toBe(2);
  expect(notLoggedIn.stderr).toMatch(/^sluice: not logged in/);
  const bad = await sluice(['login', '--url', api.url, '--token', 'slc_00000000_wrong'], fresh);
  expect(bad.code).toBe(2);
  oneLine(bad.stderr);
  expect(bad.stderr).toMatch(/^sluice: Unauthenticated \(401\): /);
  const ok = await sluice(['login', '--url', api.url, '--token', p.token, '--project', p.projectId]);
  expect(ok.code).toBe(0);
  const file = join(dir, 'config.json');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ url: api.url, token: p.token, tenantId: p.tenantId, projectId: p.projectId });
});

it('ingests a folder, creates a plan, runs it with --wait (plain lines off a TTY), lists runs, prints logs', async () => {
  const ingested = await sluice(['ingest', lineageTarget]);
  expect(ingested).toMatchObject({ code: 0 });
  expect(ingested.stdout).toMatch(/^already ingested version [0-9a-f-]{36}: 6 nodes/);
  const planned = await sluice(['plans', 'create', '--env', 'prod', '--select', 'test_first_dbt_model']);
  expect(planned.code).toBe(0);
  const planId = /^plan ([0-9a-f-]{36})$/m.exec(planned.stdout)?.[1] ?? '';
  expect(planned.stdout).toContain('model.dbt_bigquery_test.test_first_dbt_model');
  expect((await sluice(['plans', 'show', planId, '--json'])).stdout).toContain(`"id": "${planId}"`);

  const ran = await sluice(['run', planId, '--wait']);
  expect(ran.code).toBe(0);
  const lines = ran.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^run ([0-9a-f-]{36}) started \(run\//);
  expect(lines.some((l) => /^\[#+\] 4\/4 nodes {2}success$/.test(l))).toBe(true);
  expect(ran.stdout).toMatch(/success\nhttp:\/\/127\.0\.0\.1:8233\/namespaces\/default\/workflows\//);
  expect(ran.stdout).not.toContain('\r');
  const runId = /^run ([0-9a-f-]{36})/.exec(lines[0] ?? '')?.[1] ?? '';

  const listed = await sluice(['runs', '--status', 'success']);
  expect(listed.stdout).toContain(runId);
  await bus.publish(`run:${runId}:logs`, { uniqueId: 'model.x', msg: 'hello from dbt' });
  const logs = await sluice(['logs', runId]);
  expect(logs).toMatchObject({ code: 0, stdout: 'model.x: hello from dbt\n' });
  const cancel = await sluice(['cancel', runId]);
  expect(cancel.code).toBe(2);
  expect(cancel.stderr).toMatch(/^sluice: Conflict \(409\): run .* already ended success\n$/);
});

it('approves and rejects as another user; problem answers are one line with exit 2', async () => {
  const gate = (await call(api, 'POST', `${p.base}/environments`, { token: p.token, json: { name: 'gate', target: 'gate', settings: { protected: true, approverRole: 'editor', separationOfDuties: true } } })).body;
  const planned = await sluice(['plans', 'create', '--env', gate.id, '--select', 'orders_snapshot', '--json']);
  const plan = JSON.parse(planned.stdout) as { id: string; planHash: string };
  const started = await sluice(['run', plan.id]);
  const runId = /^run ([0-9a-f-]{36}) started/.exec(started.stdout)?.[1] ?? '';
  await until(() => call(api, 'GET', `${p.base}/runs/${runId}`, { token: p.token }), (r) => r.body.run.status === 'awaiting_approval');

  const self = await sluice(['approve', runId]);
  expect(self.code).toBe(2);
  oneLine(self.stderr);
  expect(self.stderr).toMatch(/^sluice: Forbidden \(403\): separation of duties/);

  const editorConfig = join(dir, 'editor.json');
  await sluice(['login', '--url', api.url, '--token', await tokenFor(api, p.tenantId, 'editor'), '--project', p.projectId], editorConfig);
  const approved = await sluice(['approve', runId, '--plan-hash', plan.planHash, '--note', 'ok'], editorConfig);
  expect(approved).toMatchObject({ code: 0, stdout: `run ${runId} approved (1/1) for plan ${plan.planHash.slice(0, 12)}\n` });
  await until(() => call(api, 'GET', `${p.base}/runs/${runId}`, { token: p.token }), (r) => r.body.run.status === 'success');

  const late = await sluice(['reject', runId, '--note', 'too late'], editorConfig);
  expect(late.code).toBe(2);
  expect(late.stderr).toMatch(/^sluice: Conflict \(409\): run .* is success, not awaiting approval\n$/);
  const badSelector = await sluice(['plans', 'create', '--env', 'prod', '--select', 'nosuchmethod:x']);
  expect(badSelector.code).toBe(2);
  oneLine(badSelector.stderr);
  expect(badSelector.stderr).toMatch(/^sluice: Invalid selector \(400\): .*nosuchmethod:x/);
  const noEnv = await sluice(['plans', 'create', '--env', 'nope']);
  expect(noEnv).toMatchObject({ code: 2, stderr: 'sluice: no environment named nope in this project (have: prod, gate)\n' });
  expect((await sluice(['runs', '--status', 'bogus'])).code).toBe(2);
});
