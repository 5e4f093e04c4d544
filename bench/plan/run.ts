/**
 * Plan computation with every built-in policy on synthetic projects of 10k and 100k executable
 * nodes (models + 2 tests each, from bench/ingest/generate.ts). Prints figures; never pass/fail.
 * Scenario: every node built once in this environment (history with definitions), 10 % of models
 * changed since, sources loaded before the last run, 1 % of models tagged critical, 5 % incremental
 * with a partition contract, and a drop budget at half the estimated cost.
 * Each size: one warm-up build, then REPS timed builds (env PLAN_BENCH_REPS, default 5); prints
 * the median wall time, the median CPU time of this process (user + system, less sensitive to a
 * loaded machine than wall time) and the load average when the size started.
 * Usage: npx tsx bench/plan/run.ts [nodes ...]   (default: 10000 100000)
 */
import { loadavg } from 'node:os';
import { parseManifest } from '../../domain/artifacts/manifest';
import type { DbtNode, Manifest, SourceFreshness } from '../../domain/artifacts/types';
import { buildLogicalGraph } from '../../domain/graph/build';
import { canonicalJson } from '../../domain/plan/canonical';
import type { PlanRequest, RunRecord } from '../../domain/plan/context';
import { sha256Hex } from '../../domain/plan/sha256';
import { createDefaultRegistry } from '../../policies/builtins';
import { buildPlan } from '../../policies/engine';
import { generateManifest } from '../ingest/generate';

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

function scenario(nodes: number): { request: PlanRequest; models: number } {
  const models = Math.round(nodes / 3);
  const { manifest: prev } = parseManifest(generateManifest({ models, testsPerModel: 2, seed: 7 }));
  const current = new Map<string, DbtNode>();
  let i = 0;
  for (const [id, node] of prev.nodes) {
    let next: DbtNode = node;
    if (node.kind === 'model') {
      i++;
      if (i % 10 === 0) next = { ...next, rawCode: `${node.rawCode ?? ''}\n-- changed` };
      if (i % 100 === 0) next = { ...next, tags: [...next.tags, 'critical'] };
      if (i % 20 === 0) {
        const config = { ...next.config, materialized: 'incremental', meta: { sluice: { partition: { column: 'd', granularity: 'day', lookback: 2 } } } };
        next = { ...next, materialized: 'incremental', config, unrenderedConfig: { ...next.unrenderedConfig, materialized: 'incremental' } };
      }
    }
    current.set(id, next);
  }
  const previous: Manifest = prev;
  const manifest: Manifest = { ...prev, nodes: current };
  const changedIncremental = [...current.values()].filter((n) => n.materialized === 'incremental').map((n) => n.uniqueId);
  const previousWithIncremental: Manifest = { ...previous, nodes: new Map([...previous.nodes, ...changedIncremental.map((id) => [id, current.get(id) as DbtNode] as const)]) };
  const nodeRuns: RunRecord[] = [];
  for (const [id, node] of previousWithIncremental.nodes) {
    if (node.kind !== 'model' && node.kind !== 'test') continue;
    nodeRuns.push({ uniqueId: id, status: 'success', startedAt: '2026-11-21T00:00:00Z', completedAt: '2026-11-21T00:10:00Z', durationSeconds: 5 + (id.length % 50), manifest: previousWithIncremental, label: 'run-1' });
  }
  const sources: SourceFreshness = {
    schemaVersion: { artifact: 'sources', version: 3 },
    dbtVersion: null,
    generatedAt: null,
    results: [...current.values()].filter((n) => n.kind === 'source').map((n) => ({ uniqueId: n.uniqueId, status: 'pass', maxLoadedAt: '2026-11-20T23:00:00Z', snapshottedAt: null, maxLoadedAtTimeAgoInS: null })),
  };
  const graph = buildLogicalGraph(manifest, 'bench');
  const selected = [...graph.nodes.keys()];
  const request: PlanRequest = {
    planId: 'bench',
    now: '2026-11-22T10:00:00Z',
    requestedBy: 'bench',
    graph,
    manifest,
    selection: { select: null, exclude: null, selected, named: [], fullRefresh: false },
    environment: { id: 'e', name: 'bench', concurrency: 8, costRatePerHour: 36, budget: null, budgetMode: 'drop', protected: false, approverRole: 'admin', separationOfDuties: false, defaultEstimateSeconds: 60 },
    history: { nodeRuns, runResults: [], sources: [sources], catalog: null },
  };
  // Half of what the unconstrained plan would cost, so the budget really drops nodes.
  const free = buildPlan(request, createDefaultRegistry());
  return { request: { ...request, environment: { ...request.environment, budget: Math.round(free.totals.estimatedCost * 50) / 100 } }, models };
}

const REPS = Math.max(1, Number(process.env['PLAN_BENCH_REPS'] ?? 5));

function run(nodes: number): void {
  const load = loadavg()[0]?.toFixed(1) ?? '?';
  const { request, models } = scenario(nodes);
  const times: number[] = [];
  const cpu: number[] = [];
  let plan = buildPlan(request, createDefaultRegistry());
  for (let r = 0; r < REPS; r++) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    plan = buildPlan(request, createDefaultRegistry());
    times.push(ms(t));
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  let t = process.hrtime.bigint();
  const json = canonicalJson(plan);
  const canonicalMs = ms(t);
  t = process.hrtime.bigint();
  sha256Hex(json);
  const hashMs = ms(t);
  const c = plan.totals.nodes;
  console.log(
    `| ${plan.nodes.length.toLocaleString('en-US')} | ${models.toLocaleString('en-US')} | ${c.RUN} / ${c.PARTIAL} / ${c.SKIP} | ${(json.length / 1e6).toFixed(1)} MB | ${canonicalMs.toFixed(0)} ms | ${hashMs.toFixed(0)} ms | ${median(times).toFixed(0)} ms (${times.map((x) => x.toFixed(0)).join(', ')}) | ${median(cpu).toFixed(0)} ms | ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB | ${load} |`,
  );
}

const sizes = process.argv.slice(2).map(Number);
console.log(`| plan nodes | models | RUN / PARTIAL / SKIP | canonical JSON | canonicalize | sha256 | buildPlan wall (median of ${REPS}) | buildPlan CPU (median) | RSS | load avg |`);
console.log('|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|');
for (const n of sizes.length > 0 ? sizes : [10_000, 100_000]) run(n);
