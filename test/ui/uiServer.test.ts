import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveUi } from '../../api/ui';

// api/ui.ts: the API process serving the built UI (static assets, SPA fallback, server settings).
let dir: string;
let server: Server;
let base: string;

async function start(distDir: string, localAdmin: boolean): Promise<void> {
  const app = express();
  app.use(serveUi({ temporalUiUrl: 'http://127.0.0.1:8233', localAdmin, distDir }));
  app.get('/', (_req, res) => void res.send('placeholder'));
  app.get('/api/v1/thing', (_req, res) => void res.json({ api: true }));
  app.use((_req, res) => void res.status(404).send('api 404'));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-ui-'));
});
afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

function build(): void {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><meta name="sluice-config" content="{}" /></head><body>\n<div id="root"></div></body></html>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
}

const html = { headers: { accept: 'text/html' } };

it('serves index.html with the server settings and the local-admin banner, and assets with long caching', async () => {
  build();
  await start(dir, true);
  const page = await fetch(`${base}/`, html);
  const text = await page.text();
  expect(text).toContain('content="{&quot;temporalUiUrl&quot;:&quot;http://127.0.0.1:8233&quot;,&quot;localAdmin&quot;:true}"');
  expect(text).toContain('Local admin mode');
  const asset = await fetch(`${base}/assets/index-abc.js`);
  expect(await asset.text()).toBe('console.log(1)');
  expect(asset.headers.get('cache-control')).toContain('immutable');
});

it('answers the SPA routes with index.html, and leaves /api and missing assets to the API', async () => {
  build();
  await start(dir, false);
  const graph = await fetch(`${base}/graph`, html);
  expect(await graph.text()).toContain('<div id="root">');
  expect(await (await fetch(`${base}/runs/123`, html)).text()).not.toContain('Local admin mode');
  expect(await (await fetch(`${base}/api/v1/thing`, html)).json()).toEqual({ api: true });
  expect((await fetch(`${base}/api/v1/missing`, html)).status).toBe(404);
  const json = await fetch(`${base}/graph`, { headers: { accept: 'application/json' } });
  expect(await json.text()).toBe('api 404');
});

it('passes everything on while there is no build', async () => {
  await start(join(dir, 'nothing'), true);
  expect(await (await fetch(`${base}/`, html)).text()).toBe('placeholder');
});
