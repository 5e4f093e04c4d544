import compression from 'compression';
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import swaggerUi from 'swagger-ui-express';
import type { ApiDeps } from './deps';
import { setDeps } from './deps';
import { RegisterRoutes } from './generated/routes';
import { createMetrics } from './metrics';
import { HttpProblem, problemMiddleware } from './problem';
import { rateLimit } from './rateLimit';
import { serveUi } from './ui';

/** What the pages around the API show (not needed by the routes themselves). */
export interface ApiPageOptions {
  readonly temporalUiUrl: string;
  /** True on the embedded default, where a single local admin is logged in: a banner says so. */
  readonly localAdmin: boolean;
}

export const OPENAPI_PATH = join(__dirname, 'generated', 'swagger.json');

/** Builds the express app: health, metrics, OpenAPI + docs, the tsoa routes, and the problem edge. */
export function createApiApp(deps: ApiDeps, page: ApiPageOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  setDeps(app.locals, deps);
  const metrics = createMetrics();
  const spec = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as Record<string, unknown>;

  app.use(metrics.middleware);
  app.use(compressResponses());
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const store = await deps.store.ping();
    res.status(store ? 200 : 503).json({ status: store ? 'ready' : 'not ready', store, temporalUiUrl: page.temporalUiUrl });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(spec);
  });
  // swagger-ui's assets come from the npm package: the docs work offline.
  app.use('/api/docs', swaggerUi.serve, swaggerUi.setup(spec, { customSiteTitle: 'Sluice API' }));

  app.use(serveUi(page));
  app.get('/', (_req, res) => {
    res.type('html').send(homePage(page));
  });

  const api = express.Router();
  api.use(rateLimit(deps.limits.requestsPerMinute));
  api.use(express.json({ limit: deps.limits.maxJsonBytes }));
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: deps.limits.maxUploadBytes, files: 5, fields: 10 } });
  // tsoa's upload route reads the multipart fields multer sets; any other body is a 400, not a crash.
  api.post('/api/v1/tenants/:tenantId/projects/:projectId/versions', (req, _res, next) => {
    next(req.is('multipart/form-data') ? undefined : new HttpProblem(400, 'invalid-upload', 'Invalid upload', 'send multipart/form-data with `files` or one `archive` (tar.gz)'));
  });
  RegisterRoutes(api, { multer: upload });
  api.use((req, _res, next) => next(new HttpProblem(404, 'not-found', 'Not found', `no route ${req.method} ${req.path}`)));
  app.use(api);

  app.use(problemMiddleware(deps.log));
  return app;
}

const EVENT_STREAM = /^\s*text\/event-stream\s*(;|$)/i;

/** A server-sent event stream, by the answer's type or by what the client asked for (EventSource asks for it). */
function isEventStream(req: Request, res: Response): boolean {
  const type = res.getHeader('Content-Type');
  return (typeof type === 'string' && EVENT_STREAM.test(type)) || /\btext\/event-stream\b/i.test(req.get('Accept') ?? '');
}

/**
 * Compresses answers of a compressible type over 1 KiB (the library's default) in what the client
 * accepts (br, gzip or deflate), and sends the rest as they are. Never an event stream: a compressor
 * holds bytes until it has a block, and live run logs must leave line by line.
 */
export function compressResponses(): RequestHandler {
  return compression({ filter: (req, res) => !isEventStream(req, res) && compression.filter(req, res) });
}

function homePage(options: ApiPageOptions): string {
  const banner = options.localAdmin ? '<p class="banner">Local admin mode: no login. Do not expose this server.</p>' : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Sluice</title>
<style>body{font-family:system-ui;margin:3rem;color:#1d2433}.banner{background:#ffe08a;padding:.5rem 1rem}</style>
</head><body>${banner}<h1>Sluice</h1><p>The control plane for dbt is running.</p>
<p>API: <a href="/api/docs">interactive docs</a> · <a href="/api/openapi.json">OpenAPI</a></p>
<p>Temporal Web UI: <a href="${options.temporalUiUrl}">${options.temporalUiUrl}</a></p></body></html>`;
}
