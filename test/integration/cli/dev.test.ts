import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, serviceEnv } from '../../support/env';
import { freePort } from '../../support/ports';

// `sluice dev` as a user runs it: it starts its own Temporal dev server (state in a SQLite file
// under the data folder), the worker and the API, prints the URLs, and stops everything on Ctrl+C.
jest.setTimeout(180_000);

interface DevProcess {
  readonly output: () => string;
  stop(): Promise<number | null>;
  kill(): void;
}

function startDev(env: Record<string, string>): DevProcess {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'sluice.js'), 'dev'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, SLUICE_TEMPORAL_CLI: serviceEnv('SLUICE_TEMPORAL_CLI') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    output: () => output,
    stop: () => {
      child.kill('SIGINT');
      return exited;
    },
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

async function postJson(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json: unknown = await res.json();
  if (res.status >= 300) throw new Error(`POST ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return res.json();
}

it('starts Temporal, the worker and the API with the example project, and stops them on SIGINT', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-dev-'));
  const [apiPort, temporalPort, temporalUiPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    SLUICE_DATA_DIR: dataDir,
    SLUICE_API_PORT: String(apiPort),
    SLUICE_TEMPORAL_PORT: String(temporalPort),
    SLUICE_TEMPORAL_UI_PORT: String(temporalUiPort),
  };
  const api = `http://127.0.0.1:${apiPort}`;
  let dev = startDev(env);
  try {
    await waitFor(() => dev.output().includes('Press Ctrl+C to stop.'), 150_000, dev.output);
    expect(dev.output()).toContain(`UI and API       ${api}`);
    expect(dev.output()).toContain(`Temporal Web UI  http://127.0.0.1:${temporalUiPort}`);
    expect(dev.output()).toMatch(/Self-check .*dbt 1\.11\.16/);

    expect(await getJson(`${api}/healthz`)).toMatchObject({ status: 'ok' });
    expect(await (await fetch(`${api}/`)).text()).toContain('Local admin mode');
    expect((await fetch(`http://127.0.0.1:${temporalUiPort}/`)).status).toBe(200);
    expect(existsSync(join(dataDir, 'temporal', 'temporal.db'))).toBe(true);

    // The example project is there at once, parsed by dbt and ingested.
    const tenants = (await getJson(`${api}/api/v1/tenants`)) as Array<{ id: string; slug: string }>;
    const tenant = tenants.find((t) => t.slug === 'default');
    expect(tenant).toBeDefined();
    const projects = (await getJson(`${api}/api/v1/tenants/${tenant?.id}/projects`)) as Array<{ id: string; slug: string }>;
    const project = projects.find((p) => p.slug === 'jaffle-shop');
    expect(project).toBeDefined();
    const base = `${api}/api/v1/tenants/${tenant?.id}/projects/${project?.id}`;
    const versions = (await getJson(`${base}/versions`)) as Array<{ id: string }>;
    expect(versions).toHaveLength(1);
    const node = (await getJson(`${base}/versions/${versions[0]?.id}/nodes/model.jaffle_shop.customers`)) as Record<string, unknown>;
    expect(JSON.stringify(node)).toContain('model.jaffle_shop.orders');
    const environments = (await getJson(`${base}/environments`)) as Array<{ id: string; name: string; target: string }>;
    expect(environments).toEqual([expect.objectContaining({ name: 'dev', target: 'duckdb' })]);

    // A plan for +customers runs end to end: API → Temporal → worker → warm runner → dbt on DuckDB.
    const plan = (await postJson(`${base}/plans`, { environmentId: environments[0]?.id, select: '+customers' })) as {
      id: string;
      plan: { nodes: Array<{ uniqueId: string; action: string }> };
    };
    const planned = plan.plan.nodes.map((n) => n.uniqueId);
    expect(planned).toEqual(expect.arrayContaining(['seed.jaffle_shop.raw_customers', 'model.jaffle_shop.orders', 'model.jaffle_shop.customers']));
    expect(planned).not.toContain('model.jaffle_shop.daily_revenue');
    const started = (await postJson(`${base}/runs`, { planId: plan.id })) as { run: { id: string } };
    const runUrl = `${base}/runs/${started.run.id}`;
    let run: { run: { status: string }; nodes: Array<{ uniqueId: string; status: string }>; temporalUrl: string } | undefined;
    await waitFor(
      async () => {
        run = (await getJson(runUrl)) as typeof run;
        return ['success', 'warning', 'failed', 'canceled'].includes(run?.run.status ?? '');
      },
      150_000,
      () => JSON.stringify(run),
    );
    expect(run?.run.status).toBe('success');
    expect(run?.temporalUrl).toContain(`http://127.0.0.1:${temporalUiPort}/namespaces/default/workflows/run%2F`);
    const customers = run?.nodes.find((n) => n.uniqueId === 'model.jaffle_shop.customers');
    expect(customers?.status).toBe('success');
    const logs = await (await fetch(`${runUrl}/logs?follow=false`)).text();
    expect(logs).toContain('model.jaffle_shop.customers');

    expect(await dev.stop()).toBe(0);
    await expect(fetch(`http://127.0.0.1:${temporalUiPort}/`)).rejects.toThrow();
    await expect(fetch(`${api}/healthz`)).rejects.toThrow();

    // A second start finds everything in place and ingests nothing new.
    dev = startDev(env);
    await waitFor(() => dev.output().includes('Press Ctrl+C to stop.'), 150_000, dev.output);
    const again = (await getJson(`${base}/versions`)) as Array<{ id: string }>;
    expect(again.map((v) => v.id)).toEqual(versions.map((v) => v.id));
    expect(await dev.stop()).toBe(0);
  } finally {
    dev.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

async function waitFor(done: () => boolean | Promise<boolean>, timeoutMs: number, context: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${context()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
