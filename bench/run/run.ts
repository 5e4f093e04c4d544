/**
 * Issue 6: plan-run makespan. On the generated 500-model project (bench/run/project.ts: every model a
 * PostgreSQL table sleeping a seeded duration), one `dbt run --threads N` against one Sluice plan run
 * at concurrency N (planRunWorkflow on the Temporal dev server, a runner pool of N processes), and
 * both against the lower bound max(critical path, total work / N). Also per-node overhead of the
 * Sluice run (activity wall time minus dbt's execution_time) and history events per workflow.
 * Prints figures; never pass/fail. Needs the test services (`source .sluice/test/services.env`).
 * Usage: npx tsx bench/run/run.ts [--concurrency 4,8] [--models 500]
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter, tsToMs } from '@temporalio/common';
import { Client } from 'pg';
import { RunnerPool, type NodeRunResult, type ProfileSpec, type RunNodeRequest } from '../../adapters/runner';
import { createActivities } from '../../activities';
import type { ExecuteNodeOutput } from '../../activities/executeNode';
import { storeRunStateSink } from '../../activities/runStateSink';
import { parseManifest } from '../../domain/artifacts/manifest';
import { buildLogicalGraph } from '../../domain/graph/build';
import type { PlanRequest, RunRecord } from '../../domain/plan/context';
import type { PlanDag } from '../../domain/plan/dag';
import { estimateMakespan } from '../../domain/plan/makespan';
import type { ExecutionPlan } from '../../domain/plan/types';
import { createDefaultRegistry } from '../../policies/builtins';
import { buildPlan } from '../../policies/engine';
import {
  createEnvironment, createOrg, createPlan, createProject, createProjectVersion, createRun, createStore, createTenant, type Store,
} from '../../store';
import { connectTemporalClient } from '../../temporal/client';
import { temporalConfigSchema } from '../../temporal/config';
import { installTemporalRuntime } from '../../temporal/runtime';
import { registerSearchAttributes, searchAttributeKeys } from '../../temporal/searchAttributes';
import { startSluiceWorker } from '../../temporal/worker';
import { planRunWorkflow } from '../../workflows';
import { defaultDurations, lowerBounds, writeBenchProject, type BenchModel } from './project';

const run = promisify(execFile);
const repoRoot = resolve(__dirname, '..', '..');
const pythonPath = join(repoRoot, '.venv', 'bin', 'python');
const dbtPath = join(repoRoot, '.venv', 'bin', 'dbt');
const clockTicks = 100; // getconf CLK_TCK on Linux

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: source .sluice/test/services.env first`);
  return value;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const s = (seconds: number, digits = 1) => `${seconds.toFixed(digits)} s`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** user+system CPU seconds of a process (and its waited-for children), from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    return ((f[11] ?? 0) + (f[12] ?? 0) + (f[13] ?? 0) + (f[14] ?? 0)) / clockTicks;
  } catch {
    return NaN;
  }
}

async function withDb<T>(url: string, database: string | null, fn: (c: Client) => Promise<T>): Promise<T> {
  const u = new URL(url);
  if (database) u.pathname = `/${database}`;
  const client = new Client({ connectionString: u.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

interface DbtFigures { wall: number; elapsed: number; cpu: number; statuses: Record<string, number>; meanExecution: number }

/** `dbt run --threads N` in a fresh schema, parsed just before (partial parsing warm), timed as a whole process. */
async function dbtRun(projectDir: string, profilesDir: string, target: string, threads: number, password: string): Promise<DbtFigures> {
  const childEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', SLUICE_BENCH_PG_PASSWORD: password };
  const common = ['--project-dir', projectDir, '--profiles-dir', profilesDir, '--target', target, '--no-version-check', '--no-use-colors'];
  await run(dbtPath, ['parse', ...common], { cwd: projectDir, env: childEnv, maxBuffer: 64 << 20 });
  const started = performance.now();
  // `times` prints the CPU time of the shell's children (dbt and anything it started).
  const { stdout } = await run('bash', ['-c', '"$0" run --threads "$1" "${@:2}" > /dev/null; times', dbtPath, String(threads), ...common], {
    cwd: projectDir, env: childEnv, maxBuffer: 64 << 20,
  });
  const wall = (performance.now() - started) / 1000;
  const children = stdout.trim().split('\n').pop() ?? '';
  const cpu = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
  const results = JSON.parse(readFileSync(join(projectDir, 'target', 'run_results.json'), 'utf8')) as {
    elapsed_time: number; results: Array<{ status: string; execution_time: number }>;
  };
  const statuses: Record<string, number> = {};
  for (const r of results.results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const meanExecution = results.results.reduce((sum, r) => sum + r.execution_time, 0) / results.results.length;
  return { wall, elapsed: results.elapsed_time, cpu, statuses, meanExecution };
}

interface NodeTiming {
  id: string; scheduled: number; started: number; completed: number; executionTime: number; poolWallMs: number;
  /** dbt's own timing of the node: compile start and execute end (epoch ms, the runner's clock = this machine's). */
  compileStart: number; executeEnd: number;
}

interface HistoryFigures {
  events: number;
  byKind: Record<string, number>;
  nodes: NodeTiming[];
  firstScheduled: number;
  lastCompleted: number;
  workflowStarted: number;
  workflowCompleted: number;
}

async function historyFigures(history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>): Promise<HistoryFigures> {
  const events = history.events ?? [];
  const byKind: Record<string, number> = {};
  const scheduled = new Map<string, { id: string; at: number; type: string }>();
  const started = new Map<string, number>();
  const nodes: NodeTiming[] = [];
  for (const e of events) {
    const kind = Object.keys(e).find((k) => k.endsWith('EventAttributes')) ?? '?';
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    const at = tsToMs(e.eventTime);
    const id = String(e.eventId);
    if (e.activityTaskScheduledEventAttributes) {
      const a = e.activityTaskScheduledEventAttributes;
      scheduled.set(id, { id: a.activityId ?? '?', at, type: a.activityType?.name ?? '?' });
    } else if (e.activityTaskStartedEventAttributes) {
      started.set(String(e.activityTaskStartedEventAttributes.scheduledEventId), at);
    } else if (e.activityTaskCompletedEventAttributes) {
      const a = e.activityTaskCompletedEventAttributes;
      const key = String(a.scheduledEventId);
      const sched = scheduled.get(key);
      if (!sched || sched.type !== 'executeNode') continue;
      const payload = a.result?.payloads?.[0];
      const out = payload ? defaultPayloadConverter.fromPayload<ExecuteNodeOutput>(payload) : null;
      const stamp = (name: string, field: 'startedAt' | 'completedAt') => Date.parse(out?.timing.find((x) => x.name === name)?.[field] ?? '');
      nodes.push({
        id: sched.id, scheduled: sched.at, started: started.get(key) ?? NaN, completed: at,
        executionTime: out?.executionTime ?? NaN, poolWallMs: out?.wallMs ?? NaN,
        compileStart: stamp('compile', 'startedAt'), executeEnd: stamp('execute', 'completedAt'),
      });
    }
  }
  const first = events[0];
  const last = events[events.length - 1];
  return {
    events: events.length,
    byKind,
    nodes,
    firstScheduled: Math.min(...nodes.map((n) => n.scheduled)),
    lastCompleted: Math.max(...nodes.map((n) => n.completed)),
    workflowStarted: first ? tsToMs(first.eventTime) : NaN,
    workflowCompleted: last ? tsToMs(last.eventTime) : NaN,
  };
}

interface SluiceFigures {
  wall: number;
  status: string;
  successes: number;
  warmup: number;
  history: HistoryFigures;
  runnerCpu: number;
  benchCpu: number;
  temporalCpu: number;
}

interface StoredSetup { store: Store; tenantId: string; projectId: string; environmentId: string; versionId: string }

async function storeSetup(file: string): Promise<StoredSetup> {
  const store = await createStore({ client: 'sqlite', filename: file });
  await store.migrateLatest();
  const db = store.db;
  const tenant = await createTenant({ db, slug: 'bench', name: 'bench' });
  const org = await createOrg({ db, tenantId: tenant.id, slug: 'o', name: 'O' });
  const project = await createProject({ db, tenantId: tenant.id, orgId: org.id, slug: 'synthetic', name: 'synthetic' });
  const environment = await createEnvironment({ db, tenantId: tenant.id, projectId: project.id, name: 'bench', target: 'bench', settings: {} });
  const { version } = await createProjectVersion({
    db,
    version: {
      tenantId: tenant.id, projectId: project.id, files: [{ kind: 'manifest', sha256: 'b'.repeat(64), size: 1 }],
      gitSha: null, dbtVersion: null, manifestSchema: 'manifest/v12', nodes: [], edges: [],
    },
  });
  return { store, tenantId: tenant.id, projectId: project.id, environmentId: environment.id, versionId: version.id };
}

/**
 * The plan of every model at concurrency N. Estimates: one prior successful run per model in this
 * environment whose duration is the model's seeded sleep (no recorded definition, so nothing is
 * skipped as unchanged): estimate basis `history`, and the critical-path priority sees the real durations.
 */
function planFor(manifestJson: unknown, setup: StoredSetup, models: readonly BenchModel[], concurrency: number): ExecutionPlan {
  const { manifest } = parseManifest(manifestJson);
  const graph = buildLogicalGraph(manifest, setup.projectId);
  const nodeRuns: RunRecord[] = models.map((m) => ({
    uniqueId: m.uniqueId, status: 'success', startedAt: '2026-11-21T00:00:00Z', completedAt: '2026-11-21T00:10:00Z',
    durationSeconds: m.seconds, manifest: null, label: 'seeded-durations',
  }));
  const request: PlanRequest = {
    planId: `bench-run-c${concurrency}`,
    now: '2026-11-22T10:00:00Z',
    requestedBy: 'bench',
    graph,
    manifest,
    selection: { select: null, exclude: null, selected: [...graph.nodes.keys()], named: [], fullRefresh: false },
    environment: {
      id: setup.environmentId, name: 'bench', concurrency, costRatePerHour: 0, budget: null, budgetMode: 'approve', protected: false,
      approverRole: 'admin', separationOfDuties: false, defaultEstimateSeconds: 1,
    },
    history: { nodeRuns, runResults: [], sources: [], catalog: null },
  };
  return buildPlan(request, createDefaultRegistry());
}

function dagOf(models: readonly BenchModel[]): PlanDag {
  const upstream = new Map<string, string[]>();
  const downstream = new Map<string, string[]>();
  for (const m of models) {
    upstream.set(m.uniqueId, m.refs.map((r) => `model.synthetic.${r}`));
    for (const r of m.refs) downstream.set(`model.synthetic.${r}`, [...(downstream.get(`model.synthetic.${r}`) ?? []), m.uniqueId]);
  }
  return { order: models.map((m) => m.uniqueId), upstream, downstream };
}

async function main(): Promise<void> {
  const concurrencies = arg('concurrency', '4,8').split(',').map(Number);
  const modelCount = Number(arg('models', '500'));
  const pgUrl = env('SLUICE_TEST_PG_URL');
  const temporalAddress = env('SLUICE_TEST_TEMPORAL_ADDRESS');
  const pg = new URL(pgUrl);
  const password = decodeURIComponent(pg.password);
  const database = `sluice_bench_run_${process.pid}`;
  const root = mkdtempSync(join(tmpdir(), 'sluice-bench-run-'));
  const projectDir = join(root, 'project');
  const dbtDir = join(root, 'dbt-project');
  const profilesDir = join(root, 'profiles');
  const cleanups: Array<() => Promise<void>> = [];

  try {
    const models = writeBenchProject(projectDir, modelCount, defaultDurations);
    cpSync(projectDir, dbtDir, { recursive: true });
    mkdirSync(profilesDir);
    const outputs = concurrencies.map((n) => [
      `    t${n}:`, '      type: postgres', `      host: ${pg.hostname}`, `      port: ${pg.port}`, `      user: ${decodeURIComponent(pg.username)}`,
      "      password: \"{{ env_var('SLUICE_BENCH_PG_PASSWORD') }}\"", `      dbname: ${database}`, `      schema: dbt_t${n}`, `      threads: ${n}`,
    ].join('\n'));
    writeFileSync(join(profilesDir, 'profiles.yml'), `synthetic:\n  target: t${concurrencies[0]}\n  outputs:\n${outputs.join('\n')}\n`);

    await withDb(pgUrl, null, async (c) => {
      await c.query(`drop database if exists ${database} with (force)`);
      await c.query(`create database ${database}`);
    });
    cleanups.push(() => withDb(pgUrl, null, async (c) => {
      await c.query(`drop database if exists ${database} with (force)`);
    }));

    const bounds = lowerBounds(models);
    const sorted = [...models].map((m) => m.seconds).sort((a, b) => a - b);
    console.log(`# plan-run makespan, ${new Date().toISOString()}, load average ${load()}`);
    console.log(`project: ${models.length} models (tables on PostgreSQL), ${models.reduce((n, m) => n + m.refs.length, 0)} refs, depth ${bounds.depth}`);
    console.log(`durations (seed ${defaultDurations.seed}): log-normal median ${defaultDurations.median} s sigma ${defaultDurations.sigma}, ${defaultDurations.longCount} long ones ${defaultDurations.longMin}-${defaultDurations.longMax} s;`
      + ` total ${s(bounds.total)}, mean ${s(bounds.total / models.length, 3)}, p50 ${s(percentile(sorted, 50), 3)}, p99 ${s(percentile(sorted, 99), 3)}, max ${s(sorted[sorted.length - 1] ?? 0, 3)}`);
    console.log(`critical path ${s(bounds.criticalPath)} over ${bounds.criticalPathNodes} models`);

    // Parse once: the manifest Sluice plans from (timed: a cold `dbt parse` of the project).
    const parseStarted = performance.now();
    await run(dbtPath, ['parse', '--project-dir', dbtDir, '--profiles-dir', profilesDir, '--no-version-check', '--no-partial-parse'], {
      cwd: dbtDir, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', SLUICE_BENCH_PG_PASSWORD: password },
    });
    const coldParse = (performance.now() - parseStarted) / 1000;
    const manifestJson = JSON.parse(readFileSync(join(dbtDir, 'target', 'manifest.json'), 'utf8')) as unknown;
    console.log(`cold dbt parse (CLI): ${s(coldParse)}`);

    const setup = await storeSetup(join(root, 'store.db'));
    cleanups.push(() => setup.store.close());

    installTemporalRuntime('WARN');
    const config = temporalConfigSchema.parse({ address: temporalAddress, taskQueue: `bench-run-${process.pid}-${Date.now()}` });
    const client = await connectTemporalClient(config);
    cleanups.push(() => client.close());
    await registerSearchAttributes(client.connection, config.namespace);

    // One worker; each concurrency level swaps in its own pool of N runner processes.
    let pool: RunnerPool | null = null;
    let schema = '';
    const profile = (): ProfileSpec => ({
      type: 'postgres',
      settings: { host: pg.hostname, port: Number(pg.port), user: decodeURIComponent(pg.username), dbname: database, schema },
      secrets: { password },
    });
    const activities = createActivities({
      workerIdentity: 'bench-run-worker', dbtExecutable: null, runState: storeRunStateSink(setup.store.db),
      node: {
        runnerPool: {
          runNode: (request: RunNodeRequest, options?: Parameters<RunnerPool['runNode']>[1]): Promise<NodeRunResult> => {
            if (!pool) throw new Error('no runner pool');
            return pool.runNode(request, options);
          },
        },
        resolveNodeEnvironment: async () => ({ projectDir, target: 'bench', profile: profile() }),
      },
    });
    const worker = await startSluiceWorker({ config, identity: 'bench-run-worker', activities, workflowCode: { kind: 'source' } });
    cleanups.push(() => worker.shutdown());

    const temporalPid = Number(readFileSync(join(repoRoot, '.sluice', 'test', 'temporal.pid'), 'utf8').trim());
    const rows: string[] = [];
    const details: string[] = [];
    for (const n of concurrencies) {
      // dbt side.
      const loadBeforeDbt = load();
      const dbt = await dbtRun(dbtDir, profilesDir, `t${n}`, n, password);
      console.log(`dbt run --threads ${n}: wall ${s(dbt.wall)}, dbt elapsed ${s(dbt.elapsed)}, CPU ${s(dbt.cpu)}, ${JSON.stringify(dbt.statuses)} (load before ${loadBeforeDbt})`);

      // Sluice side: plan, store, pool of N, warm-up, run.
      const plan = planFor(manifestJson, setup, models, n);
      const stored = await createPlan({
        db: setup.store.db, tenantId: setup.tenantId, environmentId: setup.environmentId, versionId: setup.versionId, planHash: plan.hash, body: plan, createdBy: 'bench',
      });
      const { run: queued } = await createRun({ db: setup.store.db, tenantId: setup.tenantId, planId: stored.id, requestedBy: 'bench' });
      schema = `sluice_c${n}`;
      pool = await RunnerPool.start({ size: n, pythonPath });
      const current = pool;
      cleanups.push(() => current.stop());
      // Each process parses this project version once, as after a worker's first run of it: a `test`
      // request for a model is refused right after the parse, touching no table.
      const warmStarted = performance.now();
      await Promise.all(Array.from({ length: n }, () => current.runNode({
        projectDir, projectVersion: setup.versionId, target: 'bench', profile: profile(), uniqueId: models[0]?.uniqueId ?? '', command: 'test',
        query: { runId: queued.id, nodeUuid: 'warmup', tenant: setup.tenantId, environment: setup.environmentId },
      }).then((r) => {
        if (r.error?.kind !== 'configuration' || !/cannot run a/.test(r.message ?? '')) throw new Error(`warm-up: unexpected ${r.status} ${r.message ?? ''}`);
      })));
      const warmup = (performance.now() - warmStarted) / 1000;
      const runnerPids = current.health().slots.map((slot) => slot.pid ?? -1);

      const loadBeforeSluice = load();
      const cpuBefore = { runners: runnerPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0), bench: process.cpuUsage(), temporal: cpuSeconds(temporalPid) };
      const started = performance.now();
      const handle = await client.client.workflow.start(planRunWorkflow, {
        taskQueue: config.taskQueue,
        workflowId: queued.workflowId,
        args: [{ tenantId: setup.tenantId, projectId: setup.projectId, runId: queued.id, planId: stored.id, planHash: plan.hash, options: { concurrency: n } }],
        typedSearchAttributes: [
          { key: searchAttributeKeys.tenant, value: setup.tenantId },
          { key: searchAttributeKeys.project, value: setup.projectId },
          { key: searchAttributeKeys.environment, value: setup.environmentId },
          { key: searchAttributeKeys.plan, value: plan.hash },
          { key: searchAttributeKeys.runStatus, value: 'queued' },
        ],
      });
      const result = await handle.result();
      const wall = (performance.now() - started) / 1000;
      const benchCpu = process.cpuUsage(cpuBefore.bench);
      const sluice: SluiceFigures = {
        wall, status: result.status, successes: result.counts.success, warmup,
        history: await historyFigures(await handle.fetchHistory()),
        runnerCpu: runnerPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - cpuBefore.runners,
        benchCpu: (benchCpu.user + benchCpu.system) / 1e6,
        temporalCpu: cpuSeconds(temporalPid) - cpuBefore.temporal,
      };
      await current.stop();
      pool = null;
      const tables = await withDb(pgUrl, database, async (c) => (await c.query<{ schema: string; n: string }>(
        "select table_schema as schema, count(*) as n from information_schema.tables where table_schema in ($1, $2) group by 1 order by 1", [`dbt_t${n}`, `sluice_c${n}`],
      )).rows.map((r) => `${r.schema}=${r.n}`).join(', '));

      // Figures.
      const lb = Math.max(bounds.criticalPath, bounds.total / n);
      const h = sluice.history;
      const overhead = h.nodes.map((x) => (x.completed - x.scheduled) / 1000 - x.executionTime);
      const dispatch = h.nodes.map((x) => (x.started - x.scheduled) / 1000);
      const runner = h.nodes.map((x) => x.poolWallMs / 1000 - x.executionTime);
      const execution = h.nodes.map((x) => x.executionTime);
      // Where the runner's time goes: before dbt starts compiling the node (graph, schemas, relation
      // cache), dbt's node itself (compile + execute), and after it (results, teardown, reply).
      const before = h.nodes.map((x) => (x.compileStart - x.started) / 1000);
      const inside = h.nodes.map((x) => (x.executeEnd - x.compileStart) / 1000 - x.executionTime);
      const after = h.nodes.map((x) => (x.completed - x.executeEnd) / 1000);
      const ms = (xs: readonly number[]) => `${(percentile(xs, 50) * 1000).toFixed(0)} / ${(percentile(xs, 99) * 1000).toFixed(0)} ms`;
      const busy = h.nodes.reduce((sum, x) => sum + (x.completed - x.scheduled) / 1000, 0);
      const span = (h.lastCompleted - h.firstScheduled) / 1000;
      const o50 = percentile(overhead, 50);
      const simulated = estimateMakespan({
        dag: dagOf(models), concurrency: n, priority: new Map(),
        seconds: new Map(models.map((m) => [m.uniqueId, m.seconds + o50])),
      });
      rows.push(`| ${n} | ${s(bounds.criticalPath)} | ${s(bounds.total / n)} | **${s(lb)}** | ${s(plan.totals.makespanSeconds)} | ${s(dbt.wall)} (${(dbt.wall / lb).toFixed(2)}×) | ${s(sluice.wall)} (${(sluice.wall / lb).toFixed(2)}×) | ${(sluice.wall / dbt.wall).toFixed(2)}× | ${(o50 * 1000).toFixed(0)} / ${(percentile(overhead, 99) * 1000).toFixed(0)} ms | ${h.events.toLocaleString('en-US')} |`);
      details.push([
        `N=${n}: dbt ${JSON.stringify(dbt.statuses)}, dbt's own elapsed ${s(dbt.elapsed)} (wall minus elapsed = start-up + partial parse), mean execution_time ${s(dbt.meanExecution, 3)}, CPU ${s(dbt.cpu)} (${(dbt.cpu / models.length * 1000).toFixed(0)} ms/node); load before ${loadBeforeDbt}`,
        `  sluice ${sluice.status}, ${sluice.successes} successes, wall ${s(sluice.wall)}; workflow history start→close ${s((h.workflowCompleted - h.workflowStarted) / 1000)}, first node scheduled after ${s((h.firstScheduled - h.workflowStarted) / 1000, 2)}, last node→close ${s((h.workflowCompleted - h.lastCompleted) / 1000, 2)}; load before ${loadBeforeSluice}`,
        `  pool warm-up (N processes parse the project once, concurrently): ${s(warmup)}; tables: ${tables}`,
        `  per node (n=${h.nodes.length}): overhead = scheduled→completed − execution_time p50 ${(o50 * 1000).toFixed(0)} ms p90 ${(percentile(overhead, 90) * 1000).toFixed(0)} ms p99 ${(percentile(overhead, 99) * 1000).toFixed(0)} ms;`
          + ` of which dispatch scheduled→started p50 ${(percentile(dispatch, 50) * 1000).toFixed(0)} / p99 ${(percentile(dispatch, 99) * 1000).toFixed(0)} ms,`
          + ` runner (pool wall − execution_time) p50 ${(percentile(runner, 50) * 1000).toFixed(0)} / p99 ${(percentile(runner, 99) * 1000).toFixed(0)} ms; execution_time mean ${s(execution.reduce((a, b) => a + b, 0) / execution.length, 3)}`,
        `  runner time outside execution_time, p50 / p99: started→compile start ${ms(before)}, compile start→execute end minus execution_time ${ms(inside)}, execute end→completed ${ms(after)}`,
        `  slots: busy ${s(busy)} of N × span ${s(n * span)} (${((busy / (n * span)) * 100).toFixed(0)} %); list schedule of seeded + p50 overhead per node: ${s(simulated)}`,
        `  CPU during the run: runner processes ${s(sluice.runnerCpu)} (${(sluice.runnerCpu / models.length * 1000).toFixed(0)} ms/node), bench process (worker + workflows + client) ${s(sluice.benchCpu)}, Temporal dev server ${s(sluice.temporalCpu)} (shared with others)`,
        `  history ${h.events} events: ${Object.entries(h.byKind).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k.replace('EventAttributes', '')} ${v}`).join(', ')}`,
      ].join('\n'));
      console.log(details[details.length - 1]);
    }

    console.log(`\nload average at the end ${load()}\n`);
    console.log('| N | critical path | total / N | lower bound | plan estimate (list schedule) | dbt run --threads N | Sluice run | Sluice / dbt | per-node overhead p50 / p99 | history events |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) console.log(r);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (e) {
        console.error('cleanup failed:', e);
      }
    }
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
