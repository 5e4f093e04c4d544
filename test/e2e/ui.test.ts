import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parseArtifactText } from '../../domain/artifacts/detect';
import { parseManifest } from '../../domain/artifacts/manifest';
import { buildLogicalGraph } from '../../domain/graph/build';
import { selectNodes } from '../../domain/selectors';
import { repoRoot } from '../support/env';
import { launchBrowser, screenshot } from './browser';
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

const shot = (name: string): Promise<Buffer> => screenshot(() => page.screenshot({ path: join(SHOTS, `${name}.png`) }));

async function highlighted(state: 'selected' | 'dimmed'): Promise<string[]> {
  const ids = await page.$$eval(`[data-testid="graph-node"][data-highlight="${state}"]`, (els) => els.map((e) => e.getAttribute('data-unique-id') ?? ''));
  return ids.sort();
}

it('opens the dashboard of the example project with the local-admin banner', async () => {
  await page.goto(`${stack.api.url}/`);
  await page.getByRole('heading', { name: 'Jaffle Shop' }).waitFor();
  expect(await page.textContent('body')).toContain('Local admin mode');
  // No run yet: the trends (GET …/run-trends) show their empty state; the run lists are there and empty.
  await page.getByRole('heading', { name: 'No runs in the last 30 days' }).waitFor();
  await page.getByTestId('awaiting-empty').waitFor();
  await page.getByTestId('recent-empty').waitFor();
  await shot('dashboard');
});

const isTest = (kind: string): boolean => kind === 'test' || kind === 'unit_test';

async function drawnCount(count: number): Promise<void> {
  for (let i = 0; i < 100 && (await page.locator('[data-testid="graph-node"]').count()) !== count; i++) await page.waitForTimeout(100);
  expect(await page.locator('[data-testid="graph-node"]').count()).toBe(count);
}

it('shows the graph without tests and highlights exactly what +orders selects, with tests and without', async () => {
  await page.goto(`${stack.api.url}/graph`);
  await page.locator('[data-testid="graph-node"]').first().waitFor({ timeout: 60_000 });
  const { manifest } = parseManifest(parseArtifactText(manifestText, 'manifest.json'));
  const graph = buildLogicalGraph(manifest, stack.projectId);
  const tests = new Set([...graph.nodes.values()].filter((n) => isTest(n.kind)).map((n) => n.uniqueId));
  expect(tests.size).toBeGreaterThan(5);
  const expected = selectNodes({ graph, manifest, select: '+orders' });
  expect(expected).toContain('model.jaffle_shop.orders');
  expect(expected.some((id) => tests.has(id))).toBe(true);
  // Tests are off the lineage by default: each model carries a badge counting its tests instead.
  await drawnCount(graph.nodes.size - tests.size);
  const ordersTests = graph.edges.filter((e) => e.from === 'model.jaffle_shop.orders' && tests.has(e.to)).length;
  const badge = page.locator('[data-testid="graph-node"][data-unique-id="model.jaffle_shop.orders"] [data-testid="test-badge"]');
  expect(await badge.textContent()).toBe(`✓${ordersTests}`);
  await shot('graph');

  // The selection is dbt's (tests included, and listed); the drawn nodes are its part without tests.
  await page.getByLabel('dbt selector').fill('+orders');
  await page.getByTestId('selection-status').filter({ hasText: `${expected.length} selected` }).waitFor();
  const expectedDrawn = expected.filter((id) => !tests.has(id));
  expect(await highlighted('selected')).toEqual(expectedDrawn);
  expect((await highlighted('dimmed')).length).toBe(graph.nodes.size - tests.size - expectedDrawn.length);
  expect(await page.getByTestId('selected-nodes').getByRole('button').count()).toBe(expected.length);
  expect(await badge.getAttribute('data-selected')).toBe('true');
  await shot('graph-selected-orders');

  // Tests shown: the whole selection is drawn.
  await page.getByRole('checkbox', { name: `Show tests (${tests.size})` }).check();
  // Only nodes in view are in the DOM: show all of the new layout (the collapse step checks the automatic fit).
  await page.locator('.react-flow__controls-fitview').click();
  await drawnCount(graph.nodes.size);
  expect(await highlighted('selected')).toEqual(expected);
  expect((await highlighted('dimmed')).length).toBe(graph.nodes.size - expected.length);
  expect(await badge.count()).toBe(0);
  await shot('graph-selected-orders-tests');

  // The graph pages carry full nodes (include=node): tag: selects as on the server.
  const staging = selectNodes({ graph, manifest, select: 'tag:staging' });
  expect(staging).toContain('model.jaffle_shop.stg_orders');
  await page.getByLabel('dbt selector').fill('tag:staging');
  await page.getByTestId('selection-status').filter({ hasText: `${staging.length} selected` }).waitFor();
  expect(await highlighted('selected')).toEqual(staging);

  // Back to the default for the steps below.
  await page.getByRole('checkbox', { name: `Show tests (${tests.size})` }).uncheck();
  await drawnCount(graph.nodes.size - tests.size);
});

it('opens a node side panel with docs and SQL', async () => {
  await page.locator('[data-unique-id="model.jaffle_shop.orders"]').click();
  const panel = page.getByRole('complementary', { name: 'Node details' });
  await panel.getByRole('heading', { name: 'orders' }).waitFor();
  await panel.getByRole('tab', { name: 'SQL' }).click();
  await panel.locator('pre.code').first().waitFor();
  expect(await panel.locator('pre.code').first().textContent()).toContain('reviewed');
  await shot('graph-node-panel');
  // Recent runs and the estimate come from …/nodes/{uniqueId}/history: this project has neither runs nor environments.
  await panel.getByRole('tab', { name: 'Recent runs' }).click();
  await panel.getByText('No runs yet').waitFor();
  expect(await panel.getByTestId('estimate-line').textContent()).toContain('No environment yet');
  await shot('graph-node-runs');
});

it('collapses by folder and undoes it with Ctrl+Z', async () => {
  await page.getByRole('button', { name: 'Close panel' }).click();
  await page.getByLabel('dbt selector').fill('');
  await page.getByLabel('Group by').selectOption('folder');
  await page.getByRole('button', { name: 'Collapse all' }).click();
  await page.locator('[data-testid="graph-group"]').first().waitFor();
  expect(await page.locator('[data-testid="graph-node"]').count()).toBe(0);
  // Full nodes know their files: one group per folder of the example project that has a node
  // other than a test (tests are hidden; `tests/` holds a singular test only, so it is not drawn).
  const { manifest } = parseManifest(parseArtifactText(manifestText, 'manifest.json'));
  const folderOf = (n: { packageName: string; originalFilePath: string | null; path: string | null }): string => {
    const path = n.originalFilePath ?? n.path ?? '';
    return `${n.packageName}/${path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : path ? '.' : '(none)'}`;
  };
  const folders = new Set([...manifest.nodes.values()].filter((n) => !isTest(n.kind)).map(folderOf));
  expect(folders.size).toBeGreaterThan(2);
  expect(new Set([...manifest.nodes.values()].map(folderOf))).toContain('jaffle_shop/tests');
  expect(folders).not.toContain('jaffle_shop/tests');
  const groupToggles = page.getByRole('region', { name: 'Groups' }).locator('button[aria-expanded="false"]');
  expect((await groupToggles.allTextContents()).map((t) => t.replace(/^▸ /, '')).sort()).toEqual([...folders].sort());
  // The new layout is fitted into view: every group is drawn, and inside the canvas.
  const area = await page.locator('[data-testid="graph-canvas"]').boundingBox();
  if (!area) throw new Error('no canvas area');
  const inView = async (): Promise<boolean> => {
    const boxes = await Promise.all((await page.locator('[data-testid="graph-group"]').all()).map((g) => g.boundingBox()));
    return boxes.length === folders.size && boxes.every((b) => b !== null && b.x >= area.x - 1 && b.x + b.width <= area.x + area.width + 1 && b.y >= area.y - 1 && b.y + b.height <= area.y + area.height + 1);
  };
  for (let i = 0; i < 50 && !(await inView()); i++) await page.waitForTimeout(100);
  expect(await inView()).toBe(true);
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
    ['/docs', 'docs', 'stg_orders'],
    ['/plans', 'plans', 'Execution plans'],
    ['/runs', 'runs', 'Runs'],
  ] as const) {
    await page.goto(`${stack.api.url}${path}`);
    await page.getByText(text).first().waitFor();
    await shot(name);
  }

  // Artifacts: the newest version's manifest downloads through its link, the very file the API lists.
  await page.goto(`${stack.api.url}/artifacts`);
  const newest = page.getByRole('row').filter({ hasText: 'latest' });
  const [download] = await Promise.all([page.waitForEvent('download'), newest.getByRole('link', { name: /^⤓ manifest/ }).click()]);
  const saved = readFileSync(await download.path());
  const listed = (await (await fetch(`${stack.api.url}/api/v1/tenants/${stack.tenantId}/projects/${stack.projectId}/versions`)).json()) as Array<{ files: Array<{ kind: string; size: number; sha256: string }> }>;
  const manifestFile = listed[0]?.files.find((f) => f.kind === 'manifest');
  expect({ size: saved.byteLength, sha256: createHash('sha256').update(saved).digest('hex') }).toEqual({ size: manifestFile?.size, sha256: manifestFile?.sha256 });
  expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+-[0-9a-f]{8}-manifest\.json$/);

  // The Diff view: the second version changed `orders`; both panes mark it, the head pane outlines its downstream.
  await page.goto(`${stack.api.url}/diff`);
  const pane = (side: 'base' | 'head') => page.getByTestId(`diff-pane-${side}`);
  const ordersIn = (side: 'base' | 'head') => pane(side).locator('[data-testid="diff-node"][data-unique-id="model.jaffle_shop.orders"]');
  await ordersIn('head').waitFor({ timeout: 60_000 });
  expect(await ordersIn('head').getAttribute('data-status')).toBe('modified');
  expect(await ordersIn('base').getAttribute('data-status')).toBe('modified');
  expect(await ordersIn('head').getByTestId('diff-node-changes').getAttribute('data-changes')).toContain('body');
  const { manifest } = parseManifest(parseArtifactText(manifestText, 'manifest.json'));
  const downstream = [...buildLogicalGraph(manifest, stack.projectId).descendants('model.jaffle_shop.orders')].sort();
  expect(downstream.length).toBeGreaterThan(0);
  const impacted = await pane('head').locator('[data-testid="diff-node"][data-status="impacted"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-unique-id') ?? ''));
  expect(impacted.sort()).toEqual(downstream);
  expect(await page.getByTestId('legend-modified').textContent()).toBe('1');
  expect(await page.getByTestId('legend-impacted').textContent()).toBe(String(downstream.length));
  await page.getByText('model.jaffle_shop.orders').first().waitFor();
  await shot('diff');
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
