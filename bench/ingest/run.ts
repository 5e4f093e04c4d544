import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateManifest } from './generate';

/**
 * Ingestion benchmark: for each size, writes a synthetic manifest (2 tests per model) to a temp
 * file, then measures read + parse + normalize + graph build in a fresh process (so peak RSS is
 * the ingestion's own). Usage: npx tsx bench/ingest/run.ts [models...]   (default 1000 10000 50000)
 */
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const dir = path.join(tmpdir(), 'sluice-bench-ingest');
mkdirSync(dir, { recursive: true });
const tsx = path.resolve(__dirname, '../../node_modules/tsx/dist/cli.mjs');
for (const models of sizes.length > 0 ? sizes : [1000, 10_000, 50_000]) {
  const file = path.join(dir, `manifest-${models}.json`);
  writeFileSync(file, JSON.stringify(generateManifest({ models, testsPerModel: 2, seed: 42 })));
  const out = execFileSync(process.execPath, [tsx, path.join(__dirname, 'ingest-one.ts'), file], { encoding: 'utf8' });
  process.stdout.write(`models=${models} tests=${models * 2} ${out}`);
}
