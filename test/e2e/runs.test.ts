import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/env';
import { launchBrowser, screenshot } from './browser';
import { startDevStack, type DevStack } from './devStack';
import { buildUi } from './stack';

// The Plan, Run Detail and Runs views in a real browser against `sluice dev` (Temporal dev server,
// worker, warm dbt runner, API with the example project): a plan for +customers is built in the UI,
// run, watched to success on DuckDB, and its logs read. Screenshots go to test-results/ui/.
jest.setTimeout(240_000);

const SHOTS = join(repoRoot, 'test-results', 'ui');

let dev: DevStack | undefined;
let api: string;
let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  buildUi();
  dev = await startDevStack('sluice-e2e-runs-');
  api = dev.api;
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
});

const shot = (name: string): Promise<Buffer> => screenshot(() => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }));

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
  // Before it runs, the plan on the graph: each planned node marked with the action its table row shows.
  const planRows = page.getByRole('table', { name: 'Plan nodes' }).locator('tbody tr');
  const planned = new Map<string, string>();
  for (let i = 0; i < (await planRows.count()); i++) {
    const row = planRows.nth(i);
    planned.set((await row.getAttribute('data-unique-id')) ?? '', (await row.locator('[data-status]').first().getAttribute('data-status')) ?? '');
  }
  const planGraph = page.getByTestId('plan-graph');
  for (const [id, action] of planned) expect(await planGraph.locator(`[data-unique-id="${id}"]`).getAttribute('data-action', { timeout: 30_000 })).toBe(action);
  expect(await planGraph.getByTestId('overlay-node').count()).toBe(planned.size);
  await screenshot(() => planGraph.screenshot({ path: join(SHOTS, 'plan-graph.png') }));

  await page.getByRole('button', { name: 'Run this plan' }).click();
  await page.waitForURL(/\/runs\/[^/]+$/);
  await page.locator('[data-testid="run-status"] [data-status]').first().waitFor();
  await page.locator('[data-testid="run-status"] [data-status="success"]').waitFor({ timeout: 150_000 });
  const customers = page.getByRole('table', { name: 'Node states' }).locator('[data-unique-id="model.jaffle_shop.customers"]');
  expect(await customers.getAttribute('data-state')).toBe('success');
  const runGraph = page.getByTestId('run-graph');
  for (const id of planned.keys()) await runGraph.locator(`[data-unique-id="${id}"][data-status="success"]`).waitFor({ timeout: 30_000 });
  expect(await runGraph.getByTestId('overlay-node').count()).toBe(planned.size);
  await screenshot(() => runGraph.screenshot({ path: join(SHOTS, 'run-graph.png') }));
  expect(await page.getByTestId('timeline-row').count()).toBeGreaterThanOrEqual(3);
  expect(await page.getByRole('link', { name: /Open in Temporal/ }).getAttribute('href')).toMatch(/\/namespaces\/default\/workflows\/run%2F/);

  await page.getByTestId('log-state').filter({ hasText: 'run ended' }).waitFor({ timeout: 30_000 });
  // A click on the graph filters the logs to that node.
  await runGraph.locator('[data-unique-id="model.jaffle_shop.customers"]').click();
  expect(await page.getByLabel('Log node').inputValue()).toBe('model.jaffle_shop.customers');
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
  await screenshot(() => page.getByTestId('log-lines').screenshot({ path: join(SHOTS, 'run-logs.png') }));
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

it('shows the finished run on the Dashboard: cards, its day\'s bar, recent runs', async () => {
  await page.goto(`${api}/`);
  const runs = page.getByTestId('card-runs');
  await runs.locator('.card-value').filter({ hasText: /^1$/ }).waitFor();
  expect(await page.getByTestId('card-success-rate').locator('.card-value').textContent()).toBe('100%');
  // One bar of the runs chart (the run's UTC day) counts the one successful run.
  expect(await page.getByTestId('chart-runs').locator('rect[data-series="succeeded"][data-value="1"]').count()).toBe(1);
  expect(await page.getByTestId('chart-runs').locator('rect[data-series="failed"][data-value="1"]').count()).toBe(0);
  expect(await page.locator('table tr[data-run-id] [data-status="success"]').count()).toBe(1);
  await shot('dashboard-with-runs');
});
