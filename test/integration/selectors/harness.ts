import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArtifactSet } from '../../../domain/artifacts/set';
import type { ArtifactSet } from '../../../domain/artifacts/types';
import { buildLogicalGraph } from '../../../domain/graph/build';
import type { LogicalGraph } from '../../../domain/graph/types';
import { repoRoot } from '../../support/env';
import type { SelectorCase } from './cases';

const venvBin = join(repoRoot, '.venv', 'bin');

export interface DbtOutcome {
  readonly ids?: string[];
  readonly error?: string;
}

/** Copies an example project to `dir`, leaving out what a local run of dbt may have left behind. */
export function copyProject(name: string, dir: string): string {
  cpSync(join(repoRoot, 'examples', name), dir, {
    recursive: true,
    filter: (src) => !/(\/target|\/logs|\/dbt_packages|\.duckdb|\.user\.yml|package-lock\.yml)$/.test(src),
  });
  return dir;
}

/** Runs the dbt CLI in a project; throws with dbt's output unless the exit code is allowed. */
export function dbt(dir: string, args: readonly string[], allowFailure = false): void {
  const run = spawnSync(join(venvBin, 'dbt'), [...args, '--project-dir', dir, '--profiles-dir', dir], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', SLUICE_DUCKDB_PATH: join(dir, 'lab.duckdb') },
  });
  if (run.status !== 0 && !allowFailure) throw new Error(`dbt ${args.join(' ')} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
}

/** `dbt ls` arguments for a case (state folder added when given). */
export function dbtArgs(c: SelectorCase, stateDir?: string): string[] {
  const args: string[] = [];
  if (c.select) args.push('--select', ...c.select);
  if (c.exclude) args.push('--exclude', ...c.exclude);
  if (c.selector) args.push('--selector', c.selector);
  const types = c.resourceTypes ?? 'all';
  if (types === 'all') args.push('--resource-type', 'all');
  else if (types !== 'default') args.push('--resource-type', ...types);
  if (c.indirect) args.push('--indirect-selection', c.indirect);
  if (stateDir) args.push('--state', stateDir);
  return args;
}

/** Every case through `dbt ls` in one Python process (dbt_ls.py): parse once, ls per case. */
export function dbtLs(dir: string, cases: readonly SelectorCase[], stateDir?: string): Map<string, DbtOutcome> {
  const casesFile = join(dir, 'sluice-cases.json');
  const outFile = join(dir, 'sluice-ls.json');
  writeFileSync(casesFile, JSON.stringify(cases.map((c) => ({ id: c.id, args: dbtArgs(c, stateDir) }))));
  const run = spawnSync(join(venvBin, 'python'), [join(__dirname, 'dbt_ls.py'), dir, casesFile, outFile], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', SLUICE_DUCKDB_PATH: join(dir, 'lab.duckdb') },
  });
  if (run.status !== 0) throw new Error(`dbt_ls.py failed (${run.status}):\n${run.stderr}`);
  return new Map(Object.entries(JSON.parse(readFileSync(outFile, 'utf8')) as Record<string, DbtOutcome>));
}

export interface Loaded {
  readonly set: ArtifactSet;
  readonly graph: LogicalGraph;
}

/** Reads a folder's artifacts with Sluice's own parsers, as the CLI and the API do. */
export function loadFolder(folder: string): Loaded {
  const read = (name: string): unknown => (existsSync(join(folder, name)) ? JSON.parse(readFileSync(join(folder, name), 'utf8')) : undefined);
  const runResults = read('run_results.json');
  const sources = read('sources.json');
  const { set } = parseArtifactSet({
    manifest: read('manifest.json'),
    ...(runResults === undefined ? {} : { runResults }),
    ...(sources === undefined ? {} : { sources }),
  });
  return { set, graph: buildLogicalGraph(set.manifest, set.manifest.projectName ?? 'test') };
}

function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
}

/**
 * Changes a copy of selector_lab in every way `state:modified` distinguishes: a body, configs, a
 * relation, persisted and non-persisted descriptions, macros (the project's and a package's), a
 * contract, a seed, a source, an exposure, a metric, a unit test, a generic test's severity, a new
 * model and a deleted analysis.
 */
export function modifyLab(dir: string): void {
  appendFileSync(join(dir, 'models/staging/stg_accounts.sql'), '-- changed body\n');
  edit(dir, 'models/marts/mart_revenue.sql', "tags=['critical'], severity_hint='high'", "tags=['critical'], severity_hint='low', alias='revenue_mart'");
  edit(dir, 'models/core/_core.yml', 'description: The event.', 'description: The event, changed.');
  edit(dir, 'models/core/_core.yml', 'data_type: bigint', 'data_type: hugeint');
  edit(dir, 'models/staging/_staging.yml', 'description: Events.', 'description: Events, changed.');
  edit(dir, 'models/staging/_staging.yml', 'data_tests: [unique]', 'data_tests:\n          - unique:\n              config: {severity: warn}');
  edit(dir, 'models/staging/_staging.yml', 'amount: 3,', 'amount: 4,');
  edit(dir, 'models/staging/_staging.yml', 'amount: 3,', 'amount: 4,');
  edit(dir, 'macros/cents.sql', '* 100', '* 100.0');
  edit(dir, 'packages/lab_utils/macros/lab_double.sql', '* 2', '* 3');
  appendFileSync(join(dir, 'seeds/raw_accounts.csv'), '3,gamma,2026-11-02 09:00:00\n');
  edit(dir, 'models/staging/_sources.yml', 'count: 1000', 'count: 500');
  edit(dir, 'models/marts/_marts.yml', 'type: application', 'type: application\n    maturity: high');
  edit(dir, 'models/marts/_marts.yml', 'label: Total amount', 'label: Total amount (cents)');
  writeFileSync(join(dir, 'models/core/brand_new.sql'), "select 1 as x\n");
  rmSync(join(dir, 'analyses/accounts_overview.sql'));
}

/** A fresh folder holding copies of the given files of `from`. */
export function snapshotFiles(from: string, to: string, names: readonly string[]): string {
  mkdirSync(to, { recursive: true });
  for (const name of names) cpSync(join(from, name), join(to, name));
  return to;
}
