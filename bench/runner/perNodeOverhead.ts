// Per-node overhead of running one dbt node: a cold `dbt run --select node` subprocess per node versus
// the warm runner pool. Overhead = wall time of the node request minus dbt's own execution_time.
// Usage: npx tsx bench/runner/perNodeOverhead.ts [--models 500] [--cold-samples 8] [--warm-samples 200]
// --cold-samples 0 skips the cold subprocesses. SLUICE_RUNNER_DBT_FASTPATH=0 runs the warm pool on dbt's
// unpatched path (runner/sluice_runner/dbt_fastpath.py) for a before/after comparison.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RunnerPool, type DbtCommand } from '../../adapters/runner';
import { writeSyntheticProject } from './syntheticProject';

const repoRoot = resolve(__dirname, '..', '..');
const pythonPath = join(repoRoot, '.venv', 'bin', 'python');
const dbtPath = join(repoRoot, '.venv', 'bin', 'dbt');

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function summary(label: string, overheads: number[]): string {
  return `${label.padEnd(44)} n=${String(overheads.length).padStart(4)}  p50=${percentile(overheads, 50).toFixed(0).padStart(6)} ms  p99=${percentile(overheads, 99).toFixed(0).padStart(6)} ms`;
}

interface Node { uniqueId: string; name: string; command: DbtCommand }

/** Cold: one dbt subprocess per node, as Cosmos does (starts Python, parses the project, runs). */
function coldOverheads(projectDir: string, nodes: Node[], duckdbPath: string): number[] {
  const profiles = join(projectDir, '..', 'profiles');
  execFileSync('mkdir', ['-p', profiles]);
  const profileName = /profile:\s*(\S+)/.exec(readFileSync(join(projectDir, 'dbt_project.yml'), 'utf8'))?.[1] ?? 'default';
  writeFileSync(join(profiles, 'profiles.yml'), `${profileName}:\n  target: bench\n  outputs:\n    bench:\n      type: duckdb\n      path: ${duckdbPath}\n      threads: 1\n`);
  return nodes.map((node) => {
    const started = performance.now();
    execFileSync(dbtPath, [node.command, '--select', node.name, '--profiles-dir', profiles, '--project-dir', projectDir, '--no-partial-parse', '--no-send-anonymous-usage-stats', '--no-version-check'], {
      cwd: projectDir, stdio: 'ignore', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DBT_SEND_ANONYMOUS_USAGE_STATS: 'false' },
    });
    const wall = performance.now() - started;
    const results = JSON.parse(readFileSync(join(projectDir, 'target', 'run_results.json'), 'utf8')) as { results: Array<{ execution_time: number }> };
    return wall - (results.results[0]?.execution_time ?? 0) * 1000;
  });
}

async function warmOverheads(pool: RunnerPool, projectDir: string, version: string, nodes: Node[], duckdbPath: string): Promise<number[]> {
  const run = (node: Node) => pool.runNode({
    projectDir, projectVersion: version, target: 'bench', profile: { type: 'duckdb', settings: { path: duckdbPath } }, uniqueId: node.uniqueId,
    command: node.command, query: { runId: 'bench', nodeUuid: 'bench', tenant: 'bench', environment: 'bench' },
  });
  const first = nodes[0];
  if (first) await run(first); // parses once; the figure is about steady-state per-node cost
  const overheads: number[] = [];
  for (const node of nodes) {
    const r = await run(node);
    if (r.status !== 'success' && r.status !== 'pass') throw new Error(`${node.uniqueId}: ${r.status} ${r.message ?? ''}`);
    overheads.push(r.wallMs - (r.executionTime ?? 0) * 1000);
  }
  return overheads;
}

async function main(): Promise<void> {
  const models = arg('models', 500);
  const coldSamples = arg('cold-samples', 8);
  const warmSamples = arg('warm-samples', 200);
  const root = mkdtempSync(join(tmpdir(), 'sluice-bench-runner-'));
  const fastpath = process.env.SLUICE_RUNNER_DBT_FASTPATH === '0' ? '0' : '1';
  const pool = await RunnerPool.start({ size: 1, pythonPath, env: { SLUICE_RUNNER_DBT_FASTPATH: fastpath } });
  try {
    const synthetic = join(root, 'synthetic');
    const names = writeSyntheticProject(synthetic, models);
    const nodes = names.map((name) => ({ uniqueId: `model.synthetic.${name}`, name, command: 'run' as const }));
    // Build everything once so each sampled node's parents exist.
    const syntheticDb = join(root, 'synthetic.duckdb');
    const warm = await warmOverheads(pool, synthetic, 'synthetic-v1', nodes, syntheticDb);
    const sampledWarm = warm.slice(0, warmSamples);
    const step = Math.max(1, Math.floor(nodes.length / coldSamples));
    const coldNodes = nodes.filter((_, i) => i % step === 0).slice(0, coldSamples);
    const cold = coldOverheads(synthetic, coldNodes, syntheticDb);

    const jaffle = join(root, 'jaffle_shop');
    cpSync(join(repoRoot, 'examples', 'jaffle_shop'), jaffle, { recursive: true, filter: (s) => !/[/\\](target|logs)$/.test(s) && !s.endsWith('.duckdb') });
    const jaffleDb = join(root, 'jaffle.duckdb');
    const jaffleNodes: Node[] = [
      ...['raw_customers', 'raw_orders', 'raw_payments'].map((n) => ({ uniqueId: `seed.jaffle_shop.${n}`, name: n, command: 'seed' as const })),
      ...['stg_customers', 'stg_orders', 'stg_payments', 'stg_stores', 'orders', 'customers', 'daily_revenue'].map((n) => ({ uniqueId: `model.jaffle_shop.${n}`, name: n, command: 'run' as const })),
    ];
    const jaffleWarm = await warmOverheads(pool, jaffle, 'jaffle-v1', [...jaffleNodes, ...jaffleNodes, ...jaffleNodes], jaffleDb);
    const jaffleCold = coldSamples > 0 ? coldOverheads(jaffle, jaffleNodes, jaffleDb) : [];

    const [load1, load5] = loadavg();
    console.log(`per-node overhead = request wall time - dbt execution_time (DuckDB, pool size 1, dbt fast paths ${fastpath === '1' ? 'on' : 'off'}, ${new Date().toISOString()}, load average ${load1?.toFixed(2)} / ${load5?.toFixed(2)})`);
    if (cold.length > 0) console.log(summary(`synthetic ${models} models, cold subprocess`, cold));
    console.log(summary(`synthetic ${models} models, warm pool`, sampledWarm));
    if (jaffleCold.length > 0) console.log(summary('jaffle_shop, cold subprocess', jaffleCold));
    console.log(summary('jaffle_shop, warm pool', jaffleWarm));
  } finally {
    await pool.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
