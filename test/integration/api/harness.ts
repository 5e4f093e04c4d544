/* eslint-disable @typescript-eslint/no-explicit-any -- test helper: response bodies are checked field by field */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsBlobStore } from '../../../adapters/blobs/fsBlobStore';
import { createLocalAdminAuthenticator, createTokenAuthenticator } from '../../../api/auth/authenticator';
import { apiLimitsSchema, type ApiLimits } from '../../../api/limits';
import { startApiServer } from '../../../api/server';
import { createApiToken, createTenant, type Role, type Store } from '../../../store';
import { openTestDatabase, type TestDatabaseId } from '../store/testDatabases';

export interface TestApi {
  readonly url: string;
  readonly store: Store;
  readonly blobRoot: string;
  /** A new tenant and a token of `role` for it. */
  tenant(slug: string, role?: Role): Promise<{ tenantId: string; token: string }>;
  close(): Promise<void>;
}

/** A real API server on a free port, over a real database (SQLite or PostgreSQL) and a temp blob dir. */
export async function startTestApi(dbId: TestDatabaseId, options: { localAdmin?: boolean; limits?: Partial<ApiLimits> } = {}): Promise<TestApi> {
  const database = await openTestDatabase(dbId);
  const store = database.store;
  const blobRoot = await mkdtemp(join(tmpdir(), 'sluice-api-blobs-'));
  const tokens = createTokenAuthenticator({ db: store.db });
  const errors: unknown[] = [];
  const server = await startApiServer({
    host: '127.0.0.1',
    port: 0,
    temporalUiUrl: 'http://127.0.0.1:1',
    localAdmin: options.localAdmin ?? false,
    deps: {
      store,
      blobs: createFsBlobStore({ root: blobRoot }),
      authenticator: options.localAdmin ? createLocalAdminAuthenticator(tokens) : tokens,
      limits: apiLimitsSchema.parse(options.limits ?? {}),
      log: (err) => errors.push(err),
    },
  });
  return {
    url: server.url,
    store,
    blobRoot,
    async tenant(slug, role = 'admin') {
      const t = await createTenant({ db: store.db, slug, name: slug });
      const { secret } = await createApiToken({ db: store.db, tenantId: t.id, name: 'test', role });
      return { tenantId: t.id, token: secret };
    },
    async close() {
      await server.close();
      await database.dispose();
      await rm(blobRoot, { recursive: true, force: true });
      // A 5xx during a test is a defect even if the test's assertions passed.
      if (errors.length > 0) throw new Error(`the API logged unexpected errors: ${errors.map(String).join('; ')}`);
    },
  };
}

/** fetch with a bearer token and a JSON body; returns status, headers and parsed body. */
export async function call(
  api: { url: string },
  method: string,
  path: string,
  opts: { token?: string; json?: unknown; rawBody?: string; form?: FormData; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | FormData | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.rawBody !== undefined) {
    headers['content-type'] = 'application/json';
    body = opts.rawBody;
  } else if (opts.form) {
    body = opts.form;
  }
  const res = await fetch(`${api.url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (HTML docs, metrics text)
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export const PROBLEM = 'https://sluice.dev/problems/';

/** Asserts a problem+json answer of `status` and `type` (relative to the problem base). */
export function expectProblem(res: { status: number; headers: Headers; body: any }, status: number, type: string): void {
  expect({ status: res.status, type: res.body?.type }).toEqual({ status, type: PROBLEM + type });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}
