import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { UI_DIST_DIR, hasUiBuild } from '../../api/ui';
import { parseExampleManifest, startStack, uploadManifest, type Stack } from '../../test/e2e/stack';
import { generateManifest } from '../ingest/generate';

/**
 * API response sizes on the wire, with and without compression: every page of a version's graph
 * (summaries, and `include=node` full nodes) for the example project (examples/jaffle_shop through a
 * real `dbt parse`) and a generated project (bench/ingest/generate.ts, 1,700 models: 5,270 nodes),
 * fetched from the embedded API (SQLite, local admin) over loopback as identity, gzip and what a
 * browser asks for (`gzip, deflate, br`: brotli). Also the UI's JS bundles when ui/dist is built.
 * Times are the median of `--runs` walks of all pages (loopback, so mostly the server's compression
 * cost), for information only.
 * Usage: npx tsx bench/api/run.ts [--runs N] [--models N]   (default 5 runs, 1700 models)
 */
const argv = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = argv.indexOf(name);
  const value = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!(value >= 1)) throw new Error(`${name} needs a positive number`);
  return value;
};
const runs = flag('--runs', 5);
const models = flag('--models', 1700);

/** No header, gzip only, and what a browser sends. */
const ENCODINGS = [null, 'gzip', 'gzip, deflate, br'] as const;

interface Wire {
  readonly bytes: number;
  readonly encoding: string;
  readonly body: Buffer;
  readonly ms: number;
}

/** One GET; the body's bytes as they came over the wire (not decoded). */
function get(url: string, acceptEncoding: string | null): Promise<Wire> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`GET ${url}: ${res.statusCode}`));
        const body = Buffer.concat(chunks);
        resolve({ bytes: body.length, encoding: res.headers['content-encoding'] ?? 'identity', body, ms: Number(process.hrtime.bigint() - started) / 1e6 });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const decode = (wire: Wire): Buffer => (wire.encoding === 'gzip' ? gunzipSync(wire.body) : wire.encoding === 'br' ? brotliDecompressSync(wire.body) : wire.body);

/** Walks every page of the graph, following each page's `next` cursor. */
async function walkGraph(graphUrl: string, include: string, acceptEncoding: string | null): Promise<{ pages: number; nodes: number; bytes: number; ms: number; encoding: string }> {
  let after: string | null = null;
  let pages = 0;
  let nodes = 0;
  let bytes = 0;
  let ms = 0;
  let encoding = 'identity';
  do {
    const url = `${graphUrl}?${include}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const wire = await get(url, acceptEncoding);
    const page = JSON.parse(decode(wire).toString('utf8')) as { nodes: unknown[]; next: string | null };
    pages += 1;
    nodes += page.nodes.length;
    bytes += wire.bytes;
    ms += wire.ms;
    encoding = wire.encoding;
    after = page.next;
  } while (after !== null);
  return { pages, nodes, bytes, ms, encoding };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);

async function measureProject(stack: Stack, name: string, manifest: string): Promise<string[]> {
  const versionId = await uploadManifest(stack, manifest);
  const graphUrl = `${stack.api.url}/api/v1/tenants/${stack.tenantId}/projects/${stack.projectId}/versions/${versionId}/graph`;
  const rows: string[] = [];
  for (const [include, label] of [['', 'summaries'], ['include=node', 'full nodes']] as const) {
    const identity = await walkGraph(graphUrl, include, null);
    for (const header of ENCODINGS) {
      const walks = [];
      for (let i = 0; i < runs; i++) walks.push(await walkGraph(graphUrl, include, header));
      const first = walks[0];
      if (!first) throw new Error('no walk');
      const ratio = identity.bytes / first.bytes;
      rows.push(`| ${name} | ${first.nodes.toLocaleString('en')} | ${label} | ${first.pages} | ${header ?? '(none)'} → ${first.encoding} | ${size(first.bytes)} | ${ratio.toFixed(1)}× | ${median(walks.map((w) => w.ms)).toFixed(0)} ms |`);
    }
  }
  return rows;
}

/** The UI's JS bundles as the API serves them (ui/dist must be built: `npm run build:ui`). */
async function measureUi(stack: Stack): Promise<string[]> {
  if (!hasUiBuild()) return ['(ui/dist is not built: `npm run build:ui` first to measure the UI bundles)'];
  const scripts = readdirSync(join(UI_DIST_DIR, 'assets')).filter((f) => f.endsWith('.js'));
  const rows: string[] = [];
  for (const header of ENCODINGS) {
    let bytes = 0;
    let encoding = '';
    for (const f of scripts) {
      const wire = await get(`${stack.api.url}/assets/${f}`, header);
      bytes += wire.bytes;
      encoding = wire.encoding;
    }
    rows.push(`| UI JS bundles (${scripts.length} files) | ${header ?? '(none)'} → ${encoding} | ${size(bytes)} |`);
  }
  return rows;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'sluice-bench-api-'));
  const stack = await startStack();
  try {
    const example = parseExampleManifest(work);
    const generated = JSON.stringify(generateManifest({ models }));
    console.log(`API response sizes on the wire (pages of 500, ${runs} walks each; time = median walk of all pages over loopback)\n`);
    console.log('| project | nodes | page items | pages | Accept-Encoding → answered | bytes on the wire | vs identity | time |');
    console.log('|---|---:|---|---:|---|---:|---:|---:|');
    for (const row of await measureProject(stack, 'examples/jaffle_shop', example)) console.log(row);
    for (const row of await measureProject(stack, `generated (${models} models)`, generated)) console.log(row);
    console.log('\n| asset | Accept-Encoding → answered | bytes on the wire |\n|---|---|---:|');
    for (const row of await measureUi(stack)) console.log(row);
  } finally {
    await stack.close();
    rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
