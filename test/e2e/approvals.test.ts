import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/env';
import { launchBrowser, screenshot } from './browser';
import { startDevStack, type DevStack } from './devStack';
import { buildUi } from './stack';

// Approvals, cancellation and the version Diff in a real browser against `sluice dev`: the `dev`
// environment is made protected and a plan is approved in Run Detail; a second version of the
// project (a temp copy of jaffle_shop with customers.sql changed and a slow model added) is
// ingested, a run of the slow model is canceled from Run Detail, and the Diff view compares the two
// versions. Screenshots go to test-results/ui/.
jest.setTimeout(240_000);

const SHOTS = join(repoRoot, 'test-results', 'ui');
/** About 1e10 rows of DuckDB work (tens of seconds): long enough to be canceled while it runs. */
const SLOW_SQL = 'select sum(hash(a.range * b.range)) as x from range(0, 100000) a cross join range(0, 100000) b\n';

interface Environment { readonly id: string; readonly name: string; readonly settings: Record<string, unknown> }

let dev: DevStack | undefined;
let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
let page: Page;
let work: string;
let projectBase: string;
let env: Environment;
let v1: string;
let v2: string;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${(dev as DevStack).api}/api/v1${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const items = <T>(answer: T[] | { items: T[] }): T[] => (Array.isArray(answer) ? answer : answer.items);

async function patchSettings(settings: Record<string, unknown>): Promise<void> {
  env = await call<Environment>('PATCH', `${projectBase}/environments/${env.id}`, { settings: { ...env.settings, ...settings } });
}

/** A temp copy of examples/jaffle_shop with customers.sql changed and slow_model.sql added, parsed by dbt. */
function slowProject(): { projectDir: string; manifest: string } {
  const projectDir = join(work, 'jaffle_shop_v2');
  cpSync(join(repoRoot, 'examples', 'jaffle_shop'), projectDir, { recursive: true, filter: (src) => !/[\\/](target|logs|dbt_packages)$|\.duckdb(\.wal)?$/.test(src) });
  const customers = join(projectDir, 'models', 'marts', 'customers.sql');
  writeFileSync(customers, `-- v2: a changed body\n${readFileSync(customers, 'utf8')}`);
  writeFileSync(join(projectDir, 'models', 'marts', 'slow_model.sql'), SLOW_SQL);
  const target = join(projectDir, 'target');
  const run = spawnSync(join(repoRoot, '.venv', 'bin', 'dbt'), ['parse', '--project-dir', projectDir, '--profiles-dir', projectDir, '--target-path', target, '--log-path', join(work, 'logs')], {
    encoding: 'utf8',
    env: { ...process.env, DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', SLUICE_DUCKDB_PATH: join(projectDir, 'jaffle_shop.duckdb') },
  });
  if (run.status !== 0) throw new Error(`dbt parse failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  return { projectDir, manifest: readFileSync(join(target, 'manifest.json'), 'utf8') };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  buildUi();
  work = mkdtempSync(join(tmpdir(), 'sluice-e2e-approvals-'));
  dev = await startDevStack('sluice-e2e-approvals-dev-');
  const tenant = items(await call<Array<{ id: string }>>('GET', '/tenants'))[0];
  if (!tenant) throw new Error('sluice dev created no tenant');
  const project = items(await call<Array<{ id: string; slug: string }>>('GET', `/tenants/${tenant.id}/projects`)).find((p) => p.slug === 'jaffle-shop');
  if (!project) throw new Error('sluice dev created no jaffle-shop project');
  projectBase = `/tenants/${tenant.id}/projects/${project.id}`;
  const dev0 = items(await call<Environment[]>('GET', `${projectBase}/environments`)).find((e) => e.name === 'dev');
  if (!dev0) throw new Error('no dev environment');
  env = dev0;
  const versions = items(await call<Array<{ id: string }>>('GET', `${projectBase}/versions`));
  if (!versions[0]) throw new Error('no version');
  v1 = versions[0].id;
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const shot = (name: string): Promise<Buffer> => screenshot(() => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }));
const runStatus = (status: string) => page.locator(`[data-testid="run-status"] [data-status="${status}"]`);

it('approves a plan of a protected environment in Run Detail and watches it reach success', async () => {
  await patchSettings({ protected: true });
  expect(env.settings).toMatchObject({ protected: true, dbt: expect.objectContaining({ target: 'duckdb' }) });

  await page.goto(`${dev?.api}/plans`);
  await page.getByRole('heading', { name: 'Execution plans' }).waitFor();
  await page.locator('select[aria-label="Environment"] option').first().waitFor({ state: 'attached' });
  await page.getByLabel('Select', { exact: true }).fill('+customers');
  await page.getByRole('button', { name: 'Create plan' }).click();
  await page.getByRole('table', { name: 'Plan nodes' }).locator('[data-unique-id="model.jaffle_shop.customers"]').waitFor({ timeout: 30_000 });
  const planHash = (await page.getByTestId('plan-hash').textContent()) ?? '';
  expect(planHash).toMatch(/^[0-9a-f]{64}$/);
  const rules = await page.getByLabel('Approvals').locator('li').allTextContents();
  expect(rules.join('\n')).toMatch(/admin/);

  await page.getByRole('button', { name: 'Run this plan' }).click();
  await page.waitForURL(/\/runs\/[^/]+$/);
  await runStatus('awaiting_approval').waitFor({ timeout: 60_000 });
  const approval = page.getByLabel('Approval', { exact: true });
  await approval.getByRole('button', { name: 'Approve' }).waitFor();
  expect(await approval.locator('code').getAttribute('title')).toBe(planHash);
  expect(await approval.locator('code').textContent()).toContain(planHash.slice(0, 12));
  await shot('run-awaiting-approval');

  await approval.getByLabel('Approval note').fill('looks good (e2e)');
  await approval.getByRole('button', { name: 'Approve' }).click();
  await page.locator('[data-testid="run-status"] :is([data-status="success"], [data-status="failed"], [data-status="canceled"])').waitFor({ timeout: 150_000 });
  expect(await page.locator('[data-testid="run-status"] [data-status]').getAttribute('data-status')).toBe('success');
  const customers = page.getByRole('table', { name: 'Node states' }).locator('[data-unique-id="model.jaffle_shop.customers"]');
  expect(await customers.getAttribute('data-state')).toBe('success');
  await shot('run-approved');
});

it('cancels a slow run from Run Detail: the run ends canceled with the node interrupted', async () => {
  const { projectDir, manifest } = slowProject();
  const form = new FormData();
  form.append('files', new Blob([manifest], { type: 'application/json' }), 'manifest.json');
  const res = await fetch(`${dev?.api}/api/v1${projectBase}/versions`, { method: 'POST', body: form });
  expect(res.status).toBe(201);
  v2 = ((await res.json()) as { version: { id: string } }).version.id;
  const dbt = env.settings.dbt as Record<string, unknown>;
  await patchSettings({ protected: false, dbt: { ...dbt, projectDir, profile: { type: 'duckdb', settings: { path: join(projectDir, 'jaffle_shop.duckdb') } } } });

  await page.goto(`${dev?.api}/plans`);
  await page.getByLabel('Version', { exact: true }).selectOption(v2);
  await page.locator('select[aria-label="Environment"] option').first().waitFor({ state: 'attached' });
  await page.getByLabel('Select', { exact: true }).fill('slow_model');
  await page.getByRole('button', { name: 'Create plan' }).click();
  await page.getByRole('table', { name: 'Plan nodes' }).locator('[data-unique-id="model.jaffle_shop.slow_model"]').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Run this plan' }).click();
  await page.waitForURL(/\/runs\/[^/]+$/);

  const slow = page.getByRole('table', { name: 'Node states' }).locator('[data-unique-id="model.jaffle_shop.slow_model"]');
  await slow.and(page.locator('[data-state="running"]')).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1500); // dbt is inside the DuckDB query now
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await page.getByRole('button', { name: 'Confirm cancel' }).click();
  await runStatus('canceled').waitFor({ timeout: 60_000 });
  await slow.and(page.locator('[data-state="interrupted"]')).waitFor({ timeout: 15_000 });
  await shot('run-canceled');
});

it('shows the added and modified nodes between the two versions in the Diff view', async () => {
  await page.goto(`${dev?.api}/diff`);
  await page.getByLabel('Version', { exact: true }).selectOption(v2);
  await page.getByLabel('Base version', { exact: true }).selectOption(v1);
  await page.getByRole('heading', { name: 'added' }).waitFor({ timeout: 30_000 });
  const section = (name: string) => page.locator('section.panel').filter({ has: page.getByRole('heading', { name, exact: true }) });
  expect(await section('added').locator('tbody code').allTextContents()).toEqual(['model.jaffle_shop.slow_model']);
  expect(await section('modified').locator('tbody code').allTextContents()).toContain('model.jaffle_shop.customers');
  expect(await page.locator('.card.diff-added .card-value').textContent()).toBe('1');
  await shot('diff');
});
