/* eslint-disable @typescript-eslint/no-explicit-any -- test helper: response bodies are checked field by field */
// Shared set-up of the plans, runs, canvas, audit and CLI API tests: a project with an ingested
// version (openlineage's 5-node build), and an API server that can also have Temporal and a bus.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createFsBlobStore } from '../../../adapters/blobs/fsBlobStore';
import type { Bus } from '../../../adapters/bus/types';
import { createTokenAuthenticator } from '../../../api/auth/authenticator';
import type { ApiTemporal } from '../../../api/deps';
import { apiLimitsSchema } from '../../../api/limits';
import { HttpProblem } from '../../../api/problem';
import { startApiServer } from '../../../api/server';
import { createApiToken, createTenant, type Role } from '../../../store';
import { openTestDatabase, type TestDatabaseId } from '../store/testDatabases';
import { call, type TestApi } from './harness';

export const lineageTarget = resolve(__dirname, '../../fixtures/artifacts/openlineage/build/target');
export const MODEL = 'model.dbt_bigquery_test.test_first_dbt_model';
export const SNAPSHOT = 'snapshot.dbt_bigquery_test.orders_snapshot';

export interface ProjectSetup {
  readonly tenantId: string;
  readonly token: string;
  readonly projectId: string;
  readonly environmentId: string;
  readonly versionId: string;
  /** `/api/v1/tenants/<t>/projects/<p>` */
  readonly base: string;
}

/** A tenant with an admin token, an org, a project, an environment with `settings`, and one ingested version. */
export async function setupProject(api: Pick<TestApi, 'url' | 'tenant'>, slug: string, settings: Record<string, unknown> = {}): Promise<ProjectSetup> {
  const { tenantId, token } = await api.tenant(slug);
  const t = `/api/v1/tenants/${tenantId}`;
  const org = (await call(api, 'POST', `${t}/orgs`, { token, json: { slug: 'o', name: 'O' } })).body;
  const project = (await call(api, 'POST', `${t}/projects`, { token, json: { orgId: org.id, slug: 'p', name: 'P' } })).body;
  const base = `${t}/projects/${project.id}`;
  const env = (await call(api, 'POST', `${base}/environments`, { token, json: { name: 'prod', target: 'prod', settings } })).body;
  const form = new FormData();
  for (const n of ['manifest.json', 'run_results.json']) form.append('files', new Blob([await readFile(join(lineageTarget, n))]), n);
  const version = (await call(api, 'POST', `${base}/versions`, { token, form })).body.version;
  return { tenantId, token, projectId: project.id, environmentId: env.id, versionId: version.id, base };
}

/** Another token of `role` in the same tenant. */
export async function tokenFor(api: Pick<TestApi, 'store'>, tenantId: string, role: Role, name = role): Promise<string> {
  return (await createApiToken({ db: api.store.db, tenantId, name, role })).secret;
}

/** Like harness.startTestApi (token auth), with optional Temporal and bus dependencies. */
export async function startRunsTestApi(dbId: TestDatabaseId, extra: { temporal?: ApiTemporal; bus?: Bus } = {}): Promise<TestApi> {
  const database = await openTestDatabase(dbId);
  const store = database.store;
  const blobRoot = await mkdtemp(join(tmpdir(), 'sluice-api-blobs-'));
  const errors: unknown[] = [];
  const server = await startApiServer({
    host: '127.0.0.1',
    port: 0,
    temporalUiUrl: extra.temporal?.uiUrl ?? 'http://127.0.0.1:1',
    localAdmin: false,
    deps: {
      store,
      blobs: createFsBlobStore({ root: blobRoot }),
      authenticator: createTokenAuthenticator({ db: store.db }),
      limits: apiLimitsSchema.parse({ requestsPerMinute: 0 }),
      // The problem edge logs every 5xx; a deliberate 503 (no Temporal, no bus) is not a defect.
      log: (err) => (err instanceof HttpProblem && err.status === 503 ? undefined : errors.push(err)),
      ...(extra.temporal ? { temporal: extra.temporal } : {}),
      ...(extra.bus ? { bus: extra.bus } : {}),
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
      if (errors.length > 0) throw new Error(`the API logged unexpected errors: ${errors.map((e) => (e instanceof Error ? e.stack : String(e))).join('; ')}`);
    },
  };
}

/** Rows of a table for a tenant (to prove a refused request stored nothing). */
export async function countRows(api: Pick<TestApi, 'store'>, table: string, tenantId: string): Promise<number> {
  const [row] = (await api.store.db(table).where({ tenant_id: tenantId }).count({ n: '*' })) as Array<{ n: number | string }>;
  return Number(row?.n ?? 0);
}

export type Body = any;

/** Polls `probe` until `ok` or the timeout; returns the last value. */
export async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface SseEvent {
  readonly id: string | null;
  readonly event: string;
  readonly data: string;
}

/**
 * Reads a server-sent event stream until it ends (or `stop` says so); `onEvent` sees each event as
 * it arrives (to act while the stream is open).
 */
export async function readSse(url: string, token: string, onEvent: (e: SseEvent, all: SseEvent[]) => Promise<void> | void = () => undefined, headers: Record<string, string> = {}): Promise<{ status: number; contentType: string | null; events: SseEvent[] }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, ...headers } });
  const events: SseEvent[] = [];
  if (!res.body || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) return { status: res.status, contentType: res.headers.get('content-type'), events };
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const lines = block.split('\n').filter((l) => !l.startsWith(':'));
      if (lines.length === 0) continue;
      const field = (name: string): string | null => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
      const e = { id: field('id'), event: field('event') ?? 'message', data: field('data') ?? '' };
      events.push(e);
      await onEvent(e, events);
    }
  }
  return { status: res.status, contentType: res.headers.get('content-type'), events };
}
