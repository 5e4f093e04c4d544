// `sluice schedules ...` spawned as `node bin/sluice.js` against a live API with Temporal and a worker.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeTemporalSchedule } from '../../../temporal/schedules';
import { repoRoot } from '../../support/env';
import { call } from './harness';
import { setupProject, until, type Body, type ProjectSetup } from './plansSupport';
import { startScheduleTestEnv, type ScheduleTestEnv } from './schedulesSupport';

jest.setTimeout(180_000);

let env: ScheduleTestEnv;
let dir: string;
let p: ProjectSetup;

beforeAll(async () => {
  env = await startScheduleTestEnv('sqlite', 'api-schedules-cli');
  dir = mkdtempSync(join(tmpdir(), 'sluice-schedules-cli-'));
  p = await setupProject(env.api, 'schedules-cli');
});
afterAll(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

function sluice(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'sluice.js'), ...args], { env: { ...process.env, SLUICE_CONFIG: join(dir, 'config.json') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('creates, lists, pauses, unpauses, triggers and deletes schedules; bad input is one line and exit 2', async () => {
  expect((await sluice(['login', '--url', env.api.url, '--token', p.token, '--project', p.projectId])).code).toBe(0);

  const nightly = await sluice(['schedules', 'create', '--name', 'nightly', '--env', 'prod', '--cron', '0 3 * * *', '--tz', 'Europe/Paris', '--overlap', 'buffer_one', '-s', 'test_first_dbt_model']);
  expect(nightly.code).toBe(0);
  const id = /^schedule ([0-9a-f-]{36}) created: nightly, 0 3 \* \* \* \(Europe\/Paris\)\n$/.exec(nightly.stdout)?.[1] ?? '';
  expect(id).not.toBe('');
  env.track(p.tenantId, id);
  const hourly = await sluice(['schedules', 'create', '--name', 'hourly', '--env', 'prod', '--every', '1h', '--offset', '5m', '--json']);
  expect(hourly.code).toBe(0);
  const hourlyBody = JSON.parse(hourly.stdout) as Body;
  env.track(p.tenantId, hourlyBody.id);
  expect(hourlyBody).toMatchObject({ name: 'hourly', interval: { everySeconds: 3600, offsetSeconds: 300 }, timeZone: 'UTC', overlap: 'skip' });

  const listed = await sluice(['schedules', 'list']);
  expect(listed.code).toBe(0);
  const lines = listed.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^SCHEDULE\s+NAME\s+WHEN\s+OVERLAP\s+STATE\s+SELECTION$/);
  expect(lines.slice(1).map((l) => l.split(/\s{2,}/).slice(1, 5))).toEqual([
    ['hourly', 'every 3600s (UTC)', 'skip', 'active'],
    ['nightly', '0 3 * * * (Europe/Paris)', 'buffer_one', 'active'],
  ]);

  expect(await sluice(['schedules', 'pause', 'nightly', '--note', 'freeze'])).toMatchObject({ code: 0, stdout: `schedule ${id} paused\n` });
  expect((await describeTemporalSchedule(env.temporal.client, p.tenantId, id))?.state).toMatchObject({ paused: true, note: 'freeze' });
  expect(await sluice(['schedules', 'unpause', id])).toMatchObject({ code: 0, stdout: `schedule ${id} unpaused\n` });
  expect((await describeTemporalSchedule(env.temporal.client, p.tenantId, id))?.state.paused).toBe(false);

  const triggered = await sluice(['schedules', 'trigger', 'nightly']);
  expect(triggered).toMatchObject({ code: 0, stdout: `schedule ${id} triggered (overlap buffer_one); see 'sluice runs'\n` });
  const runs = await until(
    async () => ((await call(env.api, 'GET', `${p.base}/runs`, { token: p.token })).body as Body[]).filter((r) => r.requestedBy === `schedule:${id}`),
    (r) => r.length === 1 && r[0].status === 'success',
  );
  expect(runs.map((r) => r.status)).toEqual(['success']);
  expect((await sluice(['runs', '--status', 'success'])).stdout).toContain(runs[0].id);

  expect(await sluice(['schedules', 'delete', 'nightly'])).toMatchObject({ code: 0, stdout: `schedule ${id} deleted\n` });
  expect(await describeTemporalSchedule(env.temporal.client, p.tenantId, id)).toBeNull();
  expect((await sluice(['schedules', 'list', '--json'])).stdout).not.toContain(id);

  const both = await sluice(['schedules', 'create', '--name', 'bad', '--env', 'prod', '--cron', '@daily', '--every', '1h']);
  expect(both.code).toBe(2);
  expect(both.stderr).toMatch(/^sluice: Invalid input \(400\): invalid schedule at cron: give either cron or interval \(exactly one\)\n$/);
  const tz = await sluice(['schedules', 'create', '--name', 'bad', '--env', 'prod', '--cron', '@daily', '--tz', 'Mars/Olympus']);
  expect(tz.code).toBe(2);
  expect(tz.stderr).toMatch(/^sluice: Invalid input \(400\): invalid schedule at timeZone: an IANA time zone/);
  expect(await sluice(['schedules', 'create', '--name', 'bad', '--env', 'prod', '--every', 'soon'])).toMatchObject({ code: 2, stderr: 'sluice: --every takes a duration such as 90s, 15m, 1h or 1d, not soon\n' });
  expect(await sluice(['schedules', 'trigger', 'nope'])).toMatchObject({ code: 2, stderr: 'sluice: no schedule named nope in this project\n' });
  expect((await call(env.api, 'GET', `${p.base}/schedules`, { token: p.token })).body.map((s: Body) => s.name)).toEqual(['hourly']);
});
