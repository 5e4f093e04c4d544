import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generateManifest } from '../../bench/ingest/generate';
import { collapseGraph } from '../../ui/src/graph/collapse';
import { LAYERED_DEFAULTS, layeredLayout, type LayeredResult } from '../../ui/src/graph/layered';
import { canonicalLayoutInput, layoutInputOf, NODE_SIZE } from '../../ui/src/graph/layoutInput';
import { buildWorkspaceGraph, type NodeInput } from '../../ui/src/graph/model';
import { repoRoot } from '../support/env';
import { launchBrowser, screenshot } from './browser';
import { buildUi, startStack, uploadManifest, type Stack } from './stack';

// A big project in a real browser: zoomed out, the graph is drawn as one overview canvas (no DOM
// nodes); a click on the overview opens the node under it and zooms in to readable nodes.
jest.setTimeout(240_000);

const SHOTS = join(repoRoot, 'test-results', 'ui');

let stack: Stack;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let layout: LayeredResult;
let names: Map<string, string>;

interface GraphPage {
  readonly nodes: NodeInput[];
  readonly edges: Array<{ from: string; to: string }>;
  readonly next: string | null;
}

/**
 * The version's graph from the API, laid out exactly as the workspace does: tests off the lineage
 * (the canvas default), deterministic, and above 300 nodes the layered layout (ui/src/graph/layout.ts).
 */
async function expectedLayout(versionId: string): Promise<LayeredResult> {
  const nodes: NodeInput[] = [];
  const edges: Array<{ from: string; to: string }> = [];
  let after: string | null = null;
  do {
    const url = `${stack.api.url}/api/v1/tenants/${stack.tenantId}/projects/${stack.projectId}/versions/${versionId}/graph?limit=1000${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const page = (await (await fetch(url)).json()) as GraphPage;
    nodes.push(...page.nodes);
    edges.push(...page.edges);
    after = page.next;
  } while (after);
  names = new Map(nodes.map((n) => [n.uniqueId, n.name]));
  const graph = buildWorkspaceGraph(nodes, edges);
  return layeredLayout(canonicalLayoutInput(layoutInputOf(collapseGraph(graph, 'package', new Set(), { hideTests: true }))), LAYERED_DEFAULTS);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  buildUi();
  stack = await startStack();
  const versionId = await uploadManifest(stack, JSON.stringify(generateManifest({ models: 1_200, testsPerModel: 1, projectName: 'big' })));
  layout = await expectedLayout(versionId);
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('draws a big graph zoomed out on the overview canvas and opens the node a click lands on', async () => {
  // 1,200 models and their sources, without their 1,200 tests: above the 1,000 drawn nodes where the overview starts.
  expect(Object.keys(layout.positions).length).toBeGreaterThan(1_200);
  expect(Object.keys(layout.positions).some((id) => id.startsWith('test.'))).toBe(false);
  await page.goto(`${stack.api.url}/graph`);
  const overview = page.locator('[data-testid="graph-overview"]');
  await overview.waitFor();
  expect(await page.locator('[data-testid="graph-node"]').count()).toBe(0);
  // Something is drawn: the canvas has many painted pixels.
  // The callback runs in the browser; typed structurally because the test program has no DOM lib.
  type Canvas = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
  const painted = await overview.evaluate((element) => {
    const canvas = element as unknown as Canvas;
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
    let count = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) count++;
    return count;
  });
  expect(painted).toBeGreaterThan(1_000);
  await screenshot(() => page.screenshot({ path: join(SHOTS, 'graph-big-overview.png') }));

  // Where a model sits on screen: its layout position through React Flow's viewport transform.
  const target = Object.keys(layout.positions).filter((id) => id.startsWith('model.')).sort()[100] as string;
  const at = layout.positions[target] as { x: number; y: number };
  const transform = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
  const match = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([\d.e-]+)\)/.exec(transform);
  if (!match) throw new Error(`no viewport transform in ${transform}`);
  const [tx, ty, zoom] = [Number(match[1]), Number(match[2]), Number(match[3])];
  expect(zoom).toBeLessThan(0.4);
  const pane = await page.locator('.react-flow').boundingBox();
  if (!pane) throw new Error('no canvas');
  await page.mouse.click(pane.x + tx + zoom * (at.x + NODE_SIZE.width / 2), pane.y + ty + zoom * (at.y + NODE_SIZE.height / 2));

  await page.getByRole('complementary', { name: 'Node details' }).getByRole('heading', { name: names.get(target) }).waitFor();
  // Zoomed in to the node: the overview is gone and the node is drawn with its name.
  const drawn = page.locator(`[data-testid="graph-node"][data-unique-id="${target}"]`);
  await drawn.waitFor();
  expect(await overview.count()).toBe(0);
  expect(await drawn.textContent()).toContain(names.get(target));
  await screenshot(() => page.screenshot({ path: join(SHOTS, 'graph-big-zoomed-in.png') }));
});
