import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import express from 'express';
import { launchBrowser } from '../../test/e2e/browser';

// UI benchmark (docs/benchmarks.md): graph layout time in the Web Worker for generated graphs of
// 1k, 5k and 10k nodes, and frame times while panning and zooming the workspace at 5k nodes, in
// headless chromium. Prints figures; never pass/fail. Run: npx tsx bench/ui/run.ts
const repo = resolve(__dirname, '..', '..');
const SIZES = (process.env.SLUICE_BENCH_SIZES ?? '1000,5000,10000').split(',').map(Number).filter((n) => n > 0);
const RUNS = Number(process.env.SLUICE_BENCH_RUNS ?? 2);

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'sluice-ui-bench-'));
  const build = spawnSync('npx', ['vite', 'build', 'bench/ui/page', '--config', 'ui/vite.config.ts', '--outDir', out, '--logLevel', 'warn'], { cwd: repo, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  const app = express();
  app.use(express.static(out));
  const server = await new Promise<Server>((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  const browser = await launchBrowser({ width: 1600, height: 1000 });
  try {
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => '__bench' in globalThis);
    console.log('layout in the worker (a fresh worker each time: ms inside the worker / end to end incl. worker start and transfer)');
    for (const n of SIZES) {
      for (let run = 1; run <= RUNS; run++) {
        const r = await page.evaluate((size) => (globalThis as any).__bench.layout(size), n); // eslint-disable-line @typescript-eslint/no-explicit-any
        console.log(`  ${String(n).padStart(6)} nodes ${String(r.edges).padStart(6)} edges  run ${run} (${r.engine}): worker ${Math.round(r.workerMs)} ms, total ${Math.round(r.totalMs)} ms`);
      }
    }
    const n = 5000;
    const mounted = await page.evaluate((size) => (globalThis as any).__bench.mount(size), n); // eslint-disable-line @typescript-eslint/no-explicit-any
    console.log(`workspace at ${n} nodes: ${mounted.overview ? 'overview canvas' : `${mounted.drawn} DOM nodes`} at fit-to-view`);
    const box = await page.locator('.react-flow__pane').boundingBox();
    if (!box) throw new Error('no canvas');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const zoomLevel = async (): Promise<number> => {
      const transform = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
      return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? NaN);
    };
    const measure = async (label: string, drive: () => Promise<void>): Promise<void> => {
      const zoom = await zoomLevel();
      const overview = (await page.locator('[data-testid="graph-overview"]').count()) > 0;
      const drawn = overview ? 'overview canvas' : `${await page.locator('[data-testid="graph-node"]').count()} nodes in the DOM`;
      await page.evaluate(() => (globalThis as any).__bench.startFrames()); // eslint-disable-line @typescript-eslint/no-explicit-any
      await drive();
      const f = await page.evaluate(() => (globalThis as any).__bench.stopFrames()); // eslint-disable-line @typescript-eslint/no-explicit-any
      console.log(`  ${label} (zoom ${zoom.toFixed(2)}, ${drawn}): ${(f.frames / f.seconds).toFixed(1)} fps over ${f.seconds.toFixed(1)} s, p95 frame ${f.p95Ms.toFixed(1)} ms, worst ${f.maxMs.toFixed(0)} ms`);
    };
    const pan = async (): Promise<void> => {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let i = 0; i < 120; i++) await page.mouse.move(cx + Math.sin(i / 10) * 300, cy + Math.cos(i / 10) * 200, { steps: 1 });
      await page.mouse.up();
    };
    const zoom = async (): Promise<void> => {
      await page.mouse.move(cx, cy);
      for (let i = 0; i < 30; i++) await page.mouse.wheel(0, i < 15 ? -120 : 120);
      await page.waitForTimeout(300);
    };
    console.log(`frame rate at ${n} nodes (requestAnimationFrame in the page while playwright drives the mouse)`);
    await measure('pan, whole graph in view', pan);
    await measure('zoom in and out (wheel)', zoom);
    // The pans moved the graph off centre: fit it again (the controls' button), then zoom in on its middle.
    await page.locator('.react-flow__controls-fitview').click();
    await page.waitForTimeout(500);
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 60 && (await zoomLevel()) < 0.5; i++) await page.mouse.wheel(0, -120);
    await page.waitForTimeout(500);
    await measure('pan, zoomed in to readable labels (onlyRenderVisibleElements)', pan);
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
