// The issue-6 benchmark project: the generated 500-model DAG of bench/runner/syntheticProject.ts
// (seed 42, 1 to 3 refs each), every model a PostgreSQL table whose build sleeps a seeded duration
// (`pg_sleep`), so a node really takes that long and N nodes can run at once.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSyntheticProject } from '../runner/syntheticProject';

export interface DurationSpec {
  /** Seed of the duration draws (the DAG has its own seed, 42). */
  readonly seed: number;
  /** Log-normal body: median seconds and sigma of the underlying normal. */
  readonly median: number;
  readonly sigma: number;
  /** A few long models: how many, and their range in seconds (uniform). */
  readonly longCount: number;
  readonly longMin: number;
  readonly longMax: number;
}

export const defaultDurations: DurationSpec = { seed: 2026, median: 0.5, sigma: 0.6, longCount: 5, longMin: 4, longMax: 8 };

export interface BenchModel {
  readonly name: string;
  readonly uniqueId: string;
  /** Names of the models it selects from. */
  readonly refs: readonly string[];
  /** Seconds slept inside the model's query (millisecond precision). */
  readonly seconds: number;
}

/** mulberry32, the same small PRNG as the generator's, on a seed of its own. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded per-model durations: log-normal body, `longCount` distinct models drawn long. */
export function drawDurations(count: number, spec: DurationSpec): number[] {
  const random = prng(spec.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const seconds = Array.from({ length: count }, () => Math.round(spec.median * Math.exp(spec.sigma * normal()) * 1000) / 1000);
  const long = new Set<number>();
  while (long.size < Math.min(spec.longCount, count)) long.add(Math.floor(random() * count));
  for (const i of [...long].sort((a, b) => a - b)) seconds[i] = Math.round((spec.longMin + random() * (spec.longMax - spec.longMin)) * 1000) / 1000;
  return seconds;
}

/** Writes the project into `dir` (profile `synthetic`, every model a table) and describes its models. */
export function writeBenchProject(dir: string, models: number, durations: DurationSpec): BenchModel[] {
  const names = writeSyntheticProject(dir, models, 42);
  writeFileSync(join(dir, 'dbt_project.yml'), 'name: synthetic\nversion: "1.0"\nconfig-version: 2\nprofile: synthetic\nmodels:\n  synthetic:\n    +materialized: table\n');
  const seconds = drawDurations(names.length, durations);
  return names.map((name, i) => {
    const file = join(dir, 'models', `${name}.sql`);
    const body = readFileSync(file, 'utf8').trim();
    const refs = [...body.matchAll(/ref\('([^']+)'\)/g)].map((m) => m[1] as string);
    const s = seconds[i] as number;
    // A materialized CTE runs once; the aggregate keeps every table at one row however wide the DAG.
    writeFileSync(file, [
      `-- seeded duration ${s} s`,
      `with slept as materialized (select pg_sleep(${s}))`,
      'select min(u.id) as id',
      'from (',
      body,
      ') as u',
      'cross join slept',
      '',
    ].join('\n'));
    return { name, uniqueId: `model.synthetic.${name}`, refs, seconds: s };
  });
}

/** Lower bounds of any schedule of the models on N slots: the critical path and total work / N. */
export function lowerBounds(models: readonly BenchModel[]): { criticalPath: number; criticalPathNodes: number; total: number; depth: number } {
  // Models are written in dependency order (refs point to earlier models).
  const finish = new Map<string, { seconds: number; nodes: number }>();
  let best = { seconds: 0, nodes: 0 };
  const depthOf = new Map<string, number>();
  let depth = 0;
  for (const m of models) {
    let up = { seconds: 0, nodes: 0 };
    let d = 0;
    for (const r of m.refs) {
      const f = finish.get(r);
      if (f && f.seconds > up.seconds) up = f;
      d = Math.max(d, (depthOf.get(r) ?? 0) + 1);
    }
    const mine = { seconds: up.seconds + m.seconds, nodes: up.nodes + 1 };
    finish.set(m.name, mine);
    depthOf.set(m.name, d);
    depth = Math.max(depth, d + 1);
    if (mine.seconds > best.seconds) best = mine;
  }
  return { criticalPath: best.seconds, criticalPathNodes: best.nodes, total: models.reduce((s, m) => s + m.seconds, 0), depth };
}
