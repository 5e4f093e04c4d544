import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { repoRoot, serviceEnv } from '../../support/env';

// `dbt build` of examples/jaffle_shop through the project's virtualenv, on DuckDB and PostgreSQL.
jest.setTimeout(240_000);

const dbt = join(repoRoot, '.venv', 'bin', 'dbt');

interface RunResult {
  readonly unique_id: string;
  readonly status: string;
}

function buildJaffleShop(env: Record<string, string>): { dir: string; results: RunResult[] } {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-jaffle-'));
  cpSync(join(repoRoot, 'examples', 'jaffle_shop'), dir, {
    recursive: true,
    filter: (src) => !/(target|logs|\.duckdb)$/.test(src),
  });
  const run = spawnSync(dbt, ['build', '--profiles-dir', dir, '--project-dir', dir], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', ...env },
  });
  if (run.status !== 0) throw new Error(`dbt build failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  const results = (JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8')) as { results: RunResult[] }).results;
  return { dir, results };
}

function expectAllGreen(results: RunResult[]): void {
  const bad = results.filter((r) => !['success', 'pass', 'no-op'].includes(r.status));
  expect(bad).toEqual([]);
  const ids = results.map((r) => r.unique_id);
  for (const id of [
    'seed.jaffle_shop.raw_orders', 'model.jaffle_shop.stg_orders', 'model.jaffle_shop.orders',
    'model.jaffle_shop.customers', 'model.jaffle_shop.daily_revenue', 'snapshot.jaffle_shop.orders_snapshot',
    'test.jaffle_shop.assert_order_amounts_not_negative',
  ]) {
    expect(ids).toContain(id);
  }
  expect(results.filter((r) => r.unique_id.startsWith('test.')).length).toBeGreaterThanOrEqual(20);
}

it('builds on DuckDB', () => {
  const { dir, results } = buildJaffleShop({ SLUICE_DBT_TARGET: 'duckdb', SLUICE_DUCKDB_PATH: 'jaffle.duckdb' });
  try {
    expectAllGreen(results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('builds on PostgreSQL, and the marts hold the seeds\' data', async () => {
  const url = new URL(serviceEnv('SLUICE_TEST_PG_URL'));
  const database = `jaffle_build_${process.pid}`;
  const admin = new PgClient({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${database}`);
  await admin.query(`create database ${database}`);
  try {
    const { dir, results } = buildJaffleShop({
      SLUICE_DBT_TARGET: 'postgres',
      SLUICE_PG_HOST: url.hostname,
      SLUICE_PG_PORT: url.port,
      SLUICE_PG_USER: decodeURIComponent(url.username),
      SLUICE_PG_PASSWORD: decodeURIComponent(url.password),
      SLUICE_PG_DATABASE: database,
      SLUICE_PG_SCHEMA: 'analytics',
    });
    rmSync(dir, { recursive: true, force: true });
    expectAllGreen(results);

    const db = new PgClient({ connectionString: Object.assign(new URL(url.toString()), { pathname: `/${database}` }).toString() });
    await db.connect();
    try {
      const customers = await db.query<{ n: string }>('select count(*) as n from analytics.customers');
      expect(Number(customers.rows[0]?.n)).toBe(100);
      const revenue = await db.query<{ total: string }>('select sum(revenue) as total from analytics.daily_revenue');
      const orders = await db.query<{ total: string }>('select sum(amount) as total from analytics.orders');
      expect(Number(revenue.rows[0]?.total)).toBeCloseTo(Number(orders.rows[0]?.total), 2);
    } finally {
      await db.end();
    }
  } finally {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
});
