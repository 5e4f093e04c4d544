import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer, type RunningApiServer } from '../../api/server';
import { repoRoot } from '../support/env';

/** Builds ui/dist from the current sources (the API serves it; a stale build would test old code). */
/**
 * Builds ui/dist when it is missing or older than its sources (ui/src, and domain/ which it
 * bundles): the API serves it, and a stale build would test old code. `npm test` builds it before
 * jest, so parallel test files find it fresh and never build it at the same time.
 */
export function buildUi(): void {
  const index = join(repoRoot, 'ui', 'dist', 'index.html');
  const sources = Math.max(newest(join(repoRoot, 'ui', 'src')), newest(join(repoRoot, 'domain')), statSync(join(repoRoot, 'ui', 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const build = spawnSync('npx', ['vite', 'build', 'ui'], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** examples/jaffle_shop's manifest.json, from a real `dbt parse` of a copy of the project. */
export function parseExampleManifest(work: string): string {
  const project = join(work, 'jaffle_shop');
  cpSync(join(repoRoot, 'examples', 'jaffle_shop'), project, { recursive: true, filter: (src) => !/\/(target|logs|dbt_packages)$/.test(src) });
  const dbt = join(repoRoot, '.venv', 'bin', 'dbt');
  const run = spawnSync(dbt, ['parse', '--project-dir', project, '--profiles-dir', project, '--target-path', join(work, 'target'), '--log-path', join(work, 'logs')], {
    encoding: 'utf8',
    env: { ...process.env, DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', SLUICE_DUCKDB_PATH: join(work, 'jaffle.duckdb') },
  });
  if (run.status !== 0) throw new Error(`dbt parse failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  return readFileSync(join(work, 'target', 'manifest.json'), 'utf8');
}

export interface Stack {
  readonly api: RunningApiServer;
  readonly work: string;
  readonly tenantId: string;
  readonly projectId: string;
  close(): Promise<void>;
}

async function post(url: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

/** The embedded API (SQLite + blob dir, local admin) on a free port, with one tenant, org and project. */
export async function startStack(): Promise<Stack> {
  const work = mkdtempSync(join(tmpdir(), 'sluice-e2e-'));
  const api = await startApiServer({ host: '127.0.0.1', port: 0, temporalUiUrl: 'http://127.0.0.1:8233', localAdmin: true, dataDir: join(work, 'data') });
  const v1 = `${api.url}/api/v1`;
  const tenant = await post(`${v1}/tenants`, { slug: 'acme', name: 'Acme' });
  const org = await post(`${v1}/tenants/${tenant.id}/orgs`, { slug: 'data', name: 'Data' });
  const project = await post(`${v1}/tenants/${tenant.id}/projects`, { orgId: org.id, slug: 'jaffle-shop', name: 'Jaffle Shop' });
  return {
    api, work, tenantId: tenant.id, projectId: project.id,
    close: async () => {
      await api.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Uploads a manifest as a new version of the stack's project. */
export async function uploadManifest(stack: Stack, manifest: string): Promise<string> {
  const form = new FormData();
  form.append('files', new Blob([manifest], { type: 'application/json' }), 'manifest.json');
  const res = await fetch(`${stack.api.url}/api/v1/tenants/${stack.tenantId}/projects/${stack.projectId}/versions`, { method: 'POST', body: form });
  if (!res.ok) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { version: { id: string } }).version.id;
}
