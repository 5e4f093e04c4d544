import express, { type Router } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where `npm run build:ui` writes the web UI. */
export const UI_DIST_DIR = resolve(__dirname, '..', 'ui', 'dist');

export interface UiOptions {
  readonly temporalUiUrl: string;
  readonly localAdmin: boolean;
  /** Defaults to UI_DIST_DIR (tests pass another). */
  readonly distDir?: string;
}

/** True when `npm run build:ui` has produced a build the API can serve (`sluice dev` builds it otherwise). */
export function hasUiBuild(distDir: string = UI_DIST_DIR): boolean {
  return existsSync(join(distDir, 'index.html'));
}

/** Paths that belong to the API process itself; the UI never answers them. */
const RESERVED = /^\/(api|healthz|readyz|metrics)(\/|$)/;

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Serves the built web UI: hashed assets from ui/dist (cached for good), and index.html for every
 * other GET that wants HTML (the SPA's routes), with the server's settings written into its
 * `sluice-config` meta tag and the local-admin banner. While ui/dist has no build, it passes every
 * request on (the API's placeholder page answers `/`).
 */
export function serveUi(options: UiOptions): Router {
  const dist = options.distDir ?? UI_DIST_DIR;
  const indexFile = join(dist, 'index.html');
  let index: string | null = null;
  const page = (): string | null => {
    if (index === null && existsSync(indexFile)) index = render(readFileSync(indexFile, 'utf8'), options);
    return index;
  };

  const router = express.Router();
  router.use((req, _res, next) => next(RESERVED.test(req.path) ? 'router' : undefined));
  router.use('/assets', express.static(join(dist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: true }));
  router.use(express.static(dist, { index: false }));
  router.use((req, res, next) => {
    const html = page();
    if (html === null || (req.method !== 'GET' && req.method !== 'HEAD') || !req.accepts('html')) return next();
    res.type('html').setHeader('Cache-Control', 'no-cache');
    res.send(html);
  });
  return router;
}

function render(html: string, options: UiOptions): string {
  const config = JSON.stringify({ temporalUiUrl: options.temporalUiUrl, localAdmin: options.localAdmin });
  const withConfig = html.replace(/<meta name="sluice-config" content="[^"]*"\s*\/?>/, `<meta name="sluice-config" content="${escapeAttr(config)}" />`);
  if (!options.localAdmin) return withConfig;
  return withConfig.replace('<body>', '<body>\n    <div class="banner" role="note">Local admin mode: no login. Do not expose this server.</div>');
}
