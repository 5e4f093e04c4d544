import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { repoRoot, serviceEnv } from '../support/env';
import { freePort } from '../support/ports';

/** Polls `done` every 250 ms; on timeout throws with `context()` (the server output so far). */
export async function waitFor(done: () => boolean, timeoutMs: number, context: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${context()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface DevStack {
  /** The API and UI base URL, e.g. http://127.0.0.1:41234. */
  readonly api: string;
  readonly dataDir: string;
  /** Everything `sluice dev` printed so far (stdout and stderr). */
  output(): string;
  /** Stops `sluice dev` (SIGINT, SIGKILL after 20 s) and removes its data folder. */
  stop(): Promise<void>;
}

/**
 * `sluice dev` (Temporal dev server, worker, warm dbt runner, API with the example project) on free
 * ports with its data in a fresh temp folder; resolves once it prints that it is ready.
 */
export async function startDevStack(prefix: string): Promise<DevStack> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const [apiPort, temporalPort, temporalUiPort] = [await freePort(), await freePort(), await freePort()];
  let output = '';
  const dev: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, [join(repoRoot, 'bin', 'sluice.js'), 'dev'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      SLUICE_DATA_DIR: dataDir,
      SLUICE_API_PORT: String(apiPort),
      SLUICE_TEMPORAL_PORT: String(temporalPort),
      SLUICE_TEMPORAL_UI_PORT: String(temporalUiPort),
      SLUICE_TEMPORAL_CLI: serviceEnv('SLUICE_TEMPORAL_CLI'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout.on('data', (d: Buffer) => (output += d.toString()));
  dev.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async (): Promise<void> => {
    if (dev.exitCode === null && dev.signalCode === null) {
      const exited = new Promise((resolve) => dev.once('exit', resolve));
      dev.kill('SIGINT');
      const timer = setTimeout(() => dev.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(() => output.includes('Press Ctrl+C to stop.') || dev.exitCode !== null, 150_000, () => output);
    if (dev.exitCode !== null) throw new Error(`sluice dev exited (${dev.exitCode}):\n${output}`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { api: `http://127.0.0.1:${apiPort}`, dataDir, output: () => output, stop };
}
