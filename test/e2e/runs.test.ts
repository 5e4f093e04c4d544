import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Page } from 'playwright-core';
import { repoRoot, serviceEnv } from '../support/env';
import { freePort } from '../support/ports';
import { launchBrowser } from './browser';
import { buildUi } from './stack';

// The Plan, Run Detail and Runs views in a real browser against `sluice dev` (Temporal dev server,
// worker, warm dbt runner, API with the example project): a plan for +customers is built in the UI,
// run, watched to success on DuckDB, and its logs read. Screenshots go to test-results/ui/.
jest.setTimeout(240_000);

const SHOTS = join(repoRoot, 'test-results', 'ui');

/** The newest modification time under a folder. */
async function waitFor(done: () => boolean, timeoutMs: number, context: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${context()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

let dev: ChildProcessByStdio<null, Readable, Readable> | undefined;
let output = '';
let dataDir: string;
let api: string;
let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  buildUi();
  dataDir = mkdtempSync(join(tmpdir(), 'sluice-e2e-runs-'));
  const [apiPort, temporalPort, temporalUiPort] = [await freePort(), await freePort(), await freePort()];
  api = `http://127.0.0.1:${apiPort}`;
  dev = spawn(process.execPath, [join(repoRoot, 'bin', 'sluice.js'), 'dev'], {
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
  await waitFor(() => output.includes('Press Ctrl+C to stop.'), 150_000, () => output);
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  if (dev && dev.exitCode === null) {
    const child = dev;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

it('builds a plan for +customers in the Plan view and shows its nodes, totals and hash', async () => {
  await page.goto(`${api}/plans`);
  await page.getByRole('heading', { name: 'Execution plans' }).waitFor();
  await page.locator('select[aria-label="Environment"] option').first().waitFor({ state: 'attached' });
  await page.getByLabel('Select', { exact: true }).fill('+customers');
  await page.getByRole('button', { name: 'Create plan' }).click();
  const table = page.getByRole('table', { name: 'Plan nodes' });
  await table.locator('[data-unique-id="model.jaffle_shop.customers"]').waitFor({ timeout: 30_000 });
  const planned = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unique-id')));
  expect(planned).toEqual(expect.arrayContaining(['seed.jaffle_shop.raw_customers', 'model.jaffle_shop.orders', 'model.jaffle_shop.customers']));
  expect(planned).not.toContain('model.jaffle_shop.daily_revenue');
  expect(await page.getByTestId('plan-hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
  expect(page.url()).toMatch(/\/plans\/[^/]+$/);
  await shot('plan');
});

it('runs the plan and watches the Run Detail reach success, with a timeline and node logs', async () => {
  await page.getByRole('button', { name: 'Run this plan' }).click();
  await page.waitForURL(/\/runs\/[^/]+$/);
  await page.locator('[data-testid="run-status"] [data-status]').first().waitFor();
  await page.locator('[data-testid="run-status"] [data-status="success"]').waitFor({ timeout: 150_000 });
  const customers = page.getByRole('table', { name: 'Node states' }).locator('[data-unique-id="model.jaffle_shop.customers"]');
  expect(await customers.getAttribute('data-state')).toBe('success');
  expect(await page.getByTestId('timeline-row').count()).toBeGreaterThanOrEqual(3);
  expect(await page.getByRole('link', { name: /Open in Temporal/ }).getAttribute('href')).toMatch(/\/namespaces\/default\/workflows\/run%2F/);

  await page.getByTestId('log-state').filter({ hasText: 'run ended' }).waitFor({ timeout: 30_000 });
  await page.getByLabel('Log node').selectOption('model.jaffle_shop.customers');
  const lines = page.locator('[data-testid="log-line"]');
  await lines.first().waitFor();
  const texts = await lines.allTextContents();
  expect(texts.length).toBeGreaterThan(0);
  expect(await lines.evaluateAll((els) => els.every((e) => e.getAttribute('data-unique-id') === 'model.jaffle_shop.customers'))).toBe(true);
  await shot('run-detail');

  await page.getByLabel('Search logs').fill('customers');
  await lines.first().waitFor();
  expect((await lines.allTextContents()).every((t) => t.toLowerCase().includes('customers'))).toBe(true);
  await page.getByTestId('log-lines').screenshot({ path: join(SHOTS, 'run-logs.png') });
});

it('lists the run in the Runs view, newest first, with a success badge and filters', async () => {
  await page.goto(`${api}/runs`);
  const row = page.getByRole('table', { name: 'Runs' }).locator('tbody tr').first();
  await row.locator('[data-status="success"]').waitFor();
  await page.getByLabel('Status filter').selectOption('failed');
  await page.getByText('No runs match the filters').waitFor();
  await page.getByLabel('Status filter').selectOption('success');
  await row.locator('[data-status="success"]').waitFor();
  await shot('runs-list');
});
