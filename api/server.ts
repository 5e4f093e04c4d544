import express, { type Express } from 'express';
import type { Server } from 'node:http';

/** What the API process needs; built once at the composition root (cli/). */
export interface ApiServerOptions {
  readonly host: string;
  readonly port: number;
  /** Shown on the placeholder page and in /readyz. */
  readonly temporalUiUrl: string;
  /** True on the embedded default, where a single local admin is logged in: a banner says so. */
  readonly localAdmin: boolean;
}

export interface RunningApiServer {
  readonly url: string;
  close(): Promise<void>;
}

export function createApiApp(options: ApiServerOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    res.json({ status: 'ready' });
  });
  app.get('/', (_req, res) => {
    res.type('html').send(placeholderPage(options));
  });
  return app;
}

export async function startApiServer(options: ApiServerOptions): Promise<RunningApiServer> {
  const app = createApiApp(options);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port, options.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host}:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

function placeholderPage(options: ApiServerOptions): string {
  const banner = options.localAdmin
    ? '<p class="banner">Local admin mode: no login. Do not expose this server.</p>'
    : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Sluice</title>
<style>body{font-family:system-ui;margin:3rem;color:#1d2433}.banner{background:#ffe08a;padding:.5rem 1rem}</style>
</head><body>${banner}<h1>Sluice</h1><p>The control plane for dbt is running.</p>
<p>Temporal Web UI: <a href="${options.temporalUiUrl}">${options.temporalUiUrl}</a></p></body></html>`;
}
