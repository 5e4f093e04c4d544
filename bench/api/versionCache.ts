import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateManifest } from '../ingest/generate';
import { openEmbeddedApiDeps } from '../../api/embedded';
import { startApiServer } from '../../api/server';
import { createApiToken, createTenant } from '../../store';

// The parsed-artifacts cache (api/services/versionCache.ts, docs/benchmarks.md): times of the node
// history route, whose estimate parses the version's manifest, without and with the cache, on the
// embedded API. Prints figures; never pass/fail. Run: npx tsx bench/api/versionCache.ts [models]
type Json = { readonly [key: string]: unknown };

async function main(): Promise<void> {
  const models = Number(process.argv[2] ?? 1700);
  const dataDir = await mkdtemp(join(tmpdir(), 'sluice-vcbench-'));
  const embedded = await openEmbeddedApiDeps({ dataDir, limits: { requestsPerMinute: 0 }, log: (e) => console.error(e) });
  const t = await createTenant({ db: embedded.deps.store.db, slug: 'bench', name: 'bench' });
  const { secret } = await createApiToken({ db: embedded.deps.store.db, tenantId: t.id, name: 'b', role: 'admin' });
  const manifest = JSON.stringify(generateManifest({ models }));
  for (const mode of ['uncached', 'cached'] as const) {
    const deps = mode === 'cached' ? embedded.deps : { ...embedded.deps, versions: undefined };
    const api = await startApiServer({ host: '127.0.0.1', port: 0, temporalUiUrl: 'http://127.0.0.1:1', localAdmin: false, deps });
    const call = async (method: string, path: string, body?: unknown, form?: FormData): Promise<Json> => {
      const headers: Record<string, string> = { authorization: `Bearer ${secret}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${api.url}${path}`, { method, headers, body: form ?? (body === undefined ? undefined : JSON.stringify(body)) });
      const json = (await res.json()) as Json;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const tp = `/api/v1/tenants/${t.id}`;
    const org = await call('POST', `${tp}/orgs`, { slug: `o-${mode}`, name: 'O' });
    const project = await call('POST', `${tp}/projects`, { orgId: org.id, slug: `p-${mode}`, name: 'P' });
    const base = `${tp}/projects/${String(project.id)}`;
    const env = await call('POST', `${base}/environments`, { name: 'prod', target: 'prod', settings: {} });
    const form = new FormData();
    form.append('files', new Blob([manifest]), 'manifest.json');
    await call('POST', `${base}/versions`, undefined, form);
    const parsed = JSON.parse(manifest) as { nodes: Record<string, { resource_type: string }> };
    const model = Object.keys(parsed.nodes).find((k) => parsed.nodes[k]?.resource_type === 'model') as string;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = process.hrtime.bigint();
      const h = await call('GET', `${base}/nodes/${encodeURIComponent(model)}/history?environmentId=${String(env.id)}`);
      if (i === 0 && h.estimate === null) throw new Error('no estimate');
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    console.log(`${mode}: manifest ${(manifest.length / 1e6).toFixed(1)} MB, ${models} models; node history ms: ${times.map((x) => x.toFixed(0)).join(', ')}`);
    await api.close();
  }
  await embedded.close();
  await rm(dataDir, { recursive: true, force: true });
}
main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
