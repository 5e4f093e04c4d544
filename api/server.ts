import type { Server } from 'node:http';
import { join } from 'node:path';
import { createApiApp, type ApiPageOptions } from './app';
import type { ApiDeps } from './deps';
import { openEmbeddedApiDeps } from './embedded';
import type { DemoIds, DemoProject } from './services/bootstrapDemo';

/** What the API process needs; built once at the composition root (cli/). */
export interface ApiServerOptions extends ApiPageOptions {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  /**
   * The dependency bag (store migrated, blobs, authenticator, limits, log). When omitted, the
   * embedded default is opened under `dataDir` (SQLite + blob directory + local admin) and closed
   * with the server.
   */
  readonly deps?: ApiDeps;
  /** Where the embedded default keeps its data when `deps` is omitted (default `.sluice/dev`). */
  readonly dataDir?: string;
  /** On the embedded default: the example project to create and ingest at start. */
  readonly demo?: DemoProject;
}

export interface RunningApiServer {
  readonly url: string;
  /** The example project's ids, when `demo` was given. */
  readonly demo: DemoIds | null;
  close(): Promise<void>;
}

export async function startApiServer(options: ApiServerOptions): Promise<RunningApiServer> {
  const embedded = options.deps ? null : await openEmbeddedApiDeps({
        dataDir: options.dataDir ?? join('.sluice', 'dev'),
        ...(options.demo ? { demo: options.demo } : {}),
      });
  const deps = options.deps ?? embedded?.deps;
  if (!deps) throw new Error('no API dependencies');
  const app = createApiApp(deps, options);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port, options.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host}:${port}`,
    demo: embedded?.demo ?? null,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve(embedded?.close())));
      }),
  };
}
