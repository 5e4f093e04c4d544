import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, serviceEnv } from '../../support/env';
import { freePort } from '../../support/ports';

// `sluice dev` as a user runs it: it starts its own Temporal dev server (state in a SQLite file
// under the data folder), the worker and the API, prints the URLs, and stops everything on Ctrl+C.
jest.setTimeout(180_000);

it('starts Temporal, the worker and the API, and stops them on SIGINT', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-dev-'));
  const [apiPort, temporalPort, temporalUiPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'sluice.js'), 'dev'], {
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
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await waitFor(() => output.includes('Press Ctrl+C to stop.'), 150_000, () => output);
    expect(output).toContain(`UI and API       http://127.0.0.1:${apiPort}`);
    expect(output).toContain(`Temporal Web UI  http://127.0.0.1:${temporalUiPort}`);
    expect(output).toMatch(/Self-check .*dbt 1\.11\.16/);

    const health = await fetch(`http://127.0.0.1:${apiPort}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const page = await fetch(`http://127.0.0.1:${apiPort}/`);
    expect(await page.text()).toContain('Local admin mode');
    const ui = await fetch(`http://127.0.0.1:${temporalUiPort}/`);
    expect(ui.status).toBe(200);
    expect(existsSync(join(dataDir, 'temporal', 'temporal.db'))).toBe(true);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${temporalUiPort}/`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${apiPort}/healthz`)).rejects.toThrow();
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

async function waitFor(done: () => boolean, timeoutMs: number, context: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${context()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
