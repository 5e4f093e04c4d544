import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parseArtifactText } from '../../domain/artifacts/detect';
import { parseManifest } from '../../domain/artifacts/manifest';
import { buildLogicalGraph } from '../../domain/graph/build';
import { selectNodes } from '../../domain/selectors';
import { repoRoot } from '../support/env';
import { launchBrowser } from './browser';
import { buildUi, parseExampleManifest, startStack, uploadManifest, type Stack } from './stack';

// The web UI in a real browser (Debian's chromium) against the real API process (embedded store),
// on the example project's manifest from a real `dbt parse`. Screenshots go to test-results/ui/.
jest.setTimeout(240_000);

const SHOTS = join(repoRoot, 'test-results', 'ui');
let stack: Stack;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let manifestText: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  buildUi();
  // Parse first: a slow parse between requests would leave fetch a keep-alive socket the server closed.
  manifestText = parseExampleManifest(mkdtempSync(join(tmpdir(), 'sluice-e2e-dbt-')));
  stack = await startStack();
  // Two versions, the second with a changed `orders` model, so the diff view has something to show.
  await uploadManifest(stack, manifestText);
  const changed = JSON.parse(manifestText) as { nodes: Record<string, { raw_code: string; checksum: { checksum: string } }> };
  const orders = changed.nodes['model.jaffle_shop.orders'];
  if (!orders) throw new Error('the example project has no orders model');
  orders.raw_code += '\n-- reviewed';
  orders.checksum.checksum = 'changed-for-the-diff-view';
  await uploadManifest(stack, JSON.stringify(changed));
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(SHOTS, `${name}.png`) });

async function highlighted(state: 'selected' | 'dimmed'): Promise<string[]> {
  const ids = await page.$$eval(`[data-testid="graph-node"][data-highlight="${state}"]`, (els) => els.map((e) => e.getAttribute('data-unique-id') ?? ''));
  return ids.sort();
}

it('opens the dashboard of the example project with the local-admin banner', async () => {
  await page.goto(`${stack.api.url}/`);
  await page.getByRole('heading', { name: 'Jaffle Shop' }).waitFor();
  expect(await page.textContent('body')).toContain('Local admin mode');
  await shot('dashboard');
});

it('shows the graph and highlights exactly what +orders selects', async () => {
  await page.goto(`${stack.api.url}/graph`);
  await page.locator('[data-testid="graph-node"]').first().waitFor({ timeout: 60_000 });
  const { manifest } = parseManifest(parseArtifactText(manifestText, 'manifest.json'));
  const graph = buildLogicalGraph(manifest, stack.projectId);
  const expected = selectNodes({ graph, manifest, select: '+orders' });
  expect(expected).toContain('model.jaffle_shop.orders');
  const drawn = await page.$$eval('[data-testid="graph-node"]', (els) => els.length);
  expect(drawn).toBe(graph.nodes.size);
  await shot('graph');

  await page.getByLabel('dbt selector').fill('+orders');
  await page.getByTestId('selection-status').filter({ hasText: `${expected.length} selected` }).waitFor();
  expect(await highlighted('selected')).toEqual(expected);
  expect((await highlighted('dimmed')).length).toBe(graph.nodes.size - expected.length);
  await shot('graph-selected-orders');
});

it('opens a node side panel with docs and SQL', async () => {
  await page.locator('[data-unique-id="model.jaffle_shop.orders"]').click();
  const panel = page.getByRole('complementary', { name: 'Node details' });
  await panel.getByRole('heading', { name: 'orders' }).waitFor();
  await panel.getByRole('tab', { name: 'SQL' }).click();
  await panel.locator('pre.code').first().waitFor();
  expect(await panel.locator('pre.code').first().textContent()).toContain('reviewed');
  await shot('graph-node-panel');
});

it('collapses by folder and undoes it with Ctrl+Z', async () => {
  await page.getByRole('button', { name: 'Close panel' }).click();
  await page.getByLabel('dbt selector').fill('');
  await page.getByLabel('Group by').selectOption('folder');
  await page.getByRole('button', { name: 'Collapse all' }).click();
  await page.locator('[data-testid="graph-group"]').first().waitFor();
  expect(await page.locator('[data-testid="graph-node"]').count()).toBe(0);
  await shot('graph-collapsed-folders');
  await page.locator('.react-flow__pane').click();
  await page.keyboard.press('Control+z');
  await page.locator('[data-testid="graph-node"]').first().waitFor();
  expect(await page.locator('[data-testid="graph-group"]').count()).toBe(0);
  // The canvas events went to the API, which folds them the same way.
  const canvasUrl = `${stack.api.url}/api/v1/tenants/${stack.tenantId}/projects/${stack.projectId}/canvas`;
  type CanvasView = { state: { grouping: string; collapsed: string[] }; canUndo: boolean; canRedo: boolean };
  let canvas = (await (await fetch(canvasUrl)).json()) as CanvasView;
  for (let i = 0; i < 50 && !canvas.canRedo; i++) {
    await new Promise((r) => setTimeout(r, 200));
    canvas = (await (await fetch(canvasUrl)).json()) as CanvasView;
  }
  expect(canvas.canRedo).toBe(true);
  expect(canvas.state).toMatchObject({ grouping: 'folder', collapsed: [] });
  expect(canvas.canUndo).toBe(true);
});

it('renders the other views', async () => {
  for (const [path, name, text] of [
    ['/artifacts', 'artifacts', 'manifest'],
    ['/diff', 'diff', 'model.jaffle_shop.orders'],
    ['/docs', 'docs', 'stg_orders'],
    ['/plans', 'plans', 'Execution plans'],
    ['/runs', 'runs', 'Runs'],
  ] as const) {
    await page.goto(`${stack.api.url}${path}`);
    await page.getByText(text).first().waitFor();
    await shot(name);
  }
});

it('opens the command palette and switches between dark and light themes', async () => {
  await page.goto(`${stack.api.url}/`);
  await page.getByRole('heading', { name: 'Jaffle Shop' }).waitFor();
  await page.keyboard.press('Control+k');
  await page.getByPlaceholder('Type a command or a view…').waitFor();
  await shot('palette');
  await page.keyboard.press('Escape');
  await page.getByPlaceholder('Type a command or a view…').waitFor({ state: 'detached' });
  const theme = (): Promise<string | null> => page.locator('html').getAttribute('data-theme');
  const before = await theme();
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  const after = await theme();
  expect([before, after].sort()).toEqual(['dark', 'light']);
  await page.goto(`${stack.api.url}/graph`);
  await page.locator('[data-testid="graph-node"]').first().waitFor();
  expect(await theme()).toBe(after);
  await shot(`graph-${after}`);
});
