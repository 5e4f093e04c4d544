import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createFsBlobStore } from '../adapters/blobs/fsBlobStore';
import { createStore } from '../store/db';
import { createLocalAdminAuthenticator, createTokenAuthenticator } from './auth/authenticator';
import type { ApiDeps } from './deps';
import { apiLimitsSchema, type ApiLimits } from './limits';
import { ensureDemoProject, type DemoIds, type DemoProject } from './services/bootstrapDemo';
import type { VersionArtifacts } from './services/versionArtifacts';
import { createVersionCache } from './services/versionCache';

/**
 * The API's dependencies on the embedded default: SQLite file and blob directory under `dataDir`,
 * API tokens plus the single local admin (no credentials = admin; the home page shows a banner).
 */
export async function openEmbeddedApiDeps(options: {
  dataDir: string;
  limits?: Partial<ApiLimits>;
  log?: (err: unknown) => void;
  /** The example project to create and ingest on first start (sluice dev). */
  demo?: DemoProject;
}): Promise<{ deps: ApiDeps; demo: DemoIds | null; close: () => Promise<void> }> {
  await mkdir(options.dataDir, { recursive: true });
  const store = await createStore({ client: 'sqlite', filename: join(options.dataDir, 'sluice.sqlite') });
  await store.migrateLatest();
  const limits = apiLimitsSchema.parse(options.limits ?? {});
  const deps: ApiDeps = {
    store,
    blobs: createFsBlobStore({ root: join(options.dataDir, 'blobs') }),
    authenticator: createLocalAdminAuthenticator(createTokenAuthenticator({ db: store.db })),
    limits,
    versions: createVersionCache<VersionArtifacts>({ maxEntries: limits.versionCacheEntries, maxBytes: limits.versionCacheBytes }),
    log: options.log ?? ((err) => process.stderr.write(`[api] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)),
  };
  const demo = options.demo ? await ensureDemoProject(deps, options.demo) : null;
  return { deps, demo, close: () => store.close() };
}
