import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { generateManifest } from './generate';

/**
 * Ingestion benchmark: for each size, writes a synthetic manifest (2 tests per model) to a temp file,
 * then, each in a fresh process (so peak RSS is the ingestion's own) and `--runs` times (median
 * reported):
 *  - phases (ingest-one.ts): read + JSON.parse + normalize + graph build, timed apart;
 *  - stored (store-one.ts): the API's `ingestVersion` into a SQLite file + filesystem blobs in a
 *    temp dir, and into PostgreSQL when SLUICE_TEST_PG_URL is set (a database created for the run
 *    and dropped afterwards).
 * Usage: npx tsx bench/ingest/run.ts [--runs N] [models...]   (default 1000 10000 50000, 3 runs)
 */
const argv = process.argv.slice(2);
const runsFlag = argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(argv[runsFlag + 1]) : 3;
const sizes = argv.filter((_, i) => runsFlag < 0 || (i !== runsFlag && i !== runsFlag + 1)).map(Number).filter((n) => n > 0);
if (!(runs >= 1)) throw new Error('--runs needs a positive number');
const dir = path.join(tmpdir(), 'sluice-bench-ingest');
mkdirSync(dir, { recursive: true });
const tsx = path.resolve(__dirname, '../../node_modules/tsx/dist/cli.mjs');

type Row = Record<string, number | string>;
const runScript = (script: string, args: readonly string[]): Row =>
  JSON.parse(execFileSync(process.execPath, [tsx, path.join(__dirname, script), ...args], { encoding: 'utf8' })) as Row;
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : Math.round(((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2);
};
/** The median of every numeric field over the runs (strings from the first run). */
const medians = (rows: readonly Row[]): Row => {
  const out: Row = { ...rows[0] };
  for (const [key, value] of Object.entries(out)) if (typeof value === 'number') out[key] = median(rows.map((r) => r[key] as number));
  return out;
};

async function withPgDatabase(fn: (url: string | null) => void): Promise<void> {
  const adminUrl = process.env.SLUICE_TEST_PG_URL;
  if (!adminUrl) {
    fn(null);
    return;
  }
  const name = `sluice_bench_${randomBytes(5).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  await admin.raw('create database ??', [name]);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    fn(url.toString());
  } finally {
    await admin.raw('drop database if exists ?? with (force)', [name]);
    await admin.destroy();
  }
}

async function main(): Promise<void> {
  await withPgDatabase((pgUrl) => {
    for (const models of sizes.length > 0 ? sizes : [1000, 10_000, 50_000]) {
      const file = path.join(dir, `manifest-${models}.json`);
      writeFileSync(file, JSON.stringify(generateManifest({ models, testsPerModel: 2, seed: 42 })));
      const label = `models=${models} tests=${models * 2} runs=${runs}`;
      process.stdout.write(`${label} phases ${JSON.stringify(medians(Array.from({ length: runs }, () => runScript('ingest-one.ts', [file]))))}\n`);
      const stored = (client: 'sqlite' | 'pg'): Row[] =>
        Array.from({ length: runs }, () => {
          const work = mkdtempSync(path.join(dir, 'run-'));
          try {
            const target = client === 'sqlite' ? path.join(work, 'sluice.sqlite') : (pgUrl as string);
            return runScript('store-one.ts', [file, path.join(work, 'blobs'), client, target]);
          } finally {
            rmSync(work, { recursive: true, force: true });
          }
        });
      process.stdout.write(`${label} stored ${JSON.stringify(medians(stored('sqlite')))}\n`);
      if (pgUrl) process.stdout.write(`${label} stored ${JSON.stringify(medians(stored('pg')))}\n`);
    }
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
