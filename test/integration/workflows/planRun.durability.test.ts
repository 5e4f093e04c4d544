// Durability on the real Temporal dev server: a worker process killed with SIGKILL mid-run and a new
// one started (the run finishes, every node is recorded once), and the Temporal server itself
// stopped and restarted mid-run (the run finishes).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listNodeRuns } from '../../../store';
import { startDevServer, type DevServer } from '../../../temporal/devServer';
import { statusQuery } from '../../../workflows/planRunDefinitions';
import { repoRoot, serviceEnv } from '../../support/env';
import type { NodeSpec } from '../../unit/workflows/planFixture';
import { seedRun, startKit, startRun, waitFor, type Kit } from './support/kit';
import { noopExecuteNode } from './support/noopNodes';

jest.setTimeout(300_000);

const nodes: NodeSpec[] = [
  { id: 'model.p.a' }, { id: 'model.p.b' }, { id: 'model.p.c', deps: ['model.p.a'] }, { id: 'model.p.d', deps: ['model.p.b'] },
  { id: 'model.p.e', deps: ['model.p.c', 'model.p.d'] }, { id: 'model.p.f', deps: ['model.p.e'] },
];
const options = { heartbeatTimeoutSeconds: 3, retryInitialIntervalMs: 200 };

function spawnWorker(kit: Kit): Promise<ChildProcess> {
  // One process (tsx as a loader, not its CLI wrapper), so SIGKILL hits the worker itself.
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'workerProcess.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env, SLUICE_WORKER_ADDRESS: kit.config.address, SLUICE_WORKER_QUEUE: kit.config.taskQueue,
      SLUICE_WORKER_STORE: kit.storeFile, SLUICE_WORKER_SLEEP_MS: '1500',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('worker process killed mid-run', () => {
  let kit: Kit;
  const workers: ChildProcess[] = [];
  beforeAll(async () => {
    kit = await startKit({ name: 'plan-run-kill', noWorker: true });
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await kit?.close();
  });

  it('finishes on a new worker; every node result is recorded once', async () => {
    const seeded = await seedRun(kit, { nodes, concurrency: 2 });
    workers.push(await spawnWorker(kit));
    const handle = await startRun(kit, seeded, options);
    await waitFor(() => handle.query(statusQuery), (s) => s.counts.success >= 2 && s.counts.running >= 1, 60_000);
    workers[0]?.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 1000));
    workers.push(await spawnWorker(kit));
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'success', counts: { success: 6 } });
    expect(workers[0]?.signalCode).toBe('SIGKILL');
    const rows = await listNodeRuns({ db: kit.store.db, tenantId: seeded.tenantId, runId: seeded.run.id });
    expect(rows.map((r) => r.uniqueId)).toEqual(nodes.map((n) => n.id));
    expect(rows.every((r) => r.status === 'success')).toBe(true);
    // The nodes running when the worker died were retried after the heartbeat timeout.
    expect(rows.some((r) => r.attempt === 2)).toBe(true);
  });
});

describe('Temporal server restarted mid-run', () => {
  let server: DevServer | null = null;
  let kit: Kit;
  let dataDir: string;
  let ports: { port: number; uiPort: number };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sluice-temporal-restart-'));
    ports = { port: await freePort(), uiPort: await freePort() };
    server = await startDevServer({ cliPath: serviceEnv('SLUICE_TEMPORAL_CLI'), ip: '127.0.0.1', ...ports, dataDir, namespace: 'default' });
    kit = await startKit({ name: 'plan-run-restart', address: server.address, executeNode: noopExecuteNode(() => ({ sleepMs: 1000 })) });
  });
  afterAll(async () => {
    await kit?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the run after the server comes back with its SQLite state', async () => {
    const seeded = await seedRun(kit, { nodes, concurrency: 2 });
    const handle = await startRun(kit, seeded, { ...options, heartbeatTimeoutSeconds: 10 });
    await waitFor(() => handle.query(statusQuery), (s) => s.counts.success >= 2, 60_000);
    await server?.stop();
    server = null;
    await new Promise((r) => setTimeout(r, 2000));
    server = await startDevServer({ cliPath: serviceEnv('SLUICE_TEMPORAL_CLI'), ip: '127.0.0.1', ...ports, dataDir, namespace: 'default' });
    expect(server.startedHere).toBe(true);
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'success', counts: { success: 6 } });
    const rows = await listNodeRuns({ db: kit.store.db, tenantId: seeded.tenantId, runId: seeded.run.id });
    expect(rows).toHaveLength(6);
  });
});

