/**
 * `sluice plan PATH`: builds an execution plan offline from artifact files, with every built-in
 * policy. The run_results.json and sources.json in PATH and in --state serve as history.
 */
import type { Command } from 'commander';
import type { Manifest } from '../../domain/artifacts/types';
import { InputError } from '../../domain/errors';
import type { IngestedRunResults, PlanRequest, RunRecord } from '../../domain/plan/context';
import { formatSeconds, roundTo } from '../../domain/plan/estimate';
import { namedNodes } from '../../domain/plan/named';
import type { ExecutionPlan, PlanNode } from '../../domain/plan/types';
import { selectNodes } from '../../domain/selectors';
import { createDefaultRegistry } from '../../policies/builtins';
import { buildPlan } from '../../policies/engine';
import { loadArtifacts, type LoadedArtifacts } from '../artifacts';
import { CliError } from '../errors';

interface PlanOptions {
  readonly select?: string;
  readonly exclude?: string;
  readonly state?: string;
  readonly assumeStateBuilt?: boolean;
  readonly fullRefresh?: boolean;
  readonly concurrency: string;
  readonly budget?: string;
  readonly budgetMode: string;
  readonly costRate: string;
  readonly defaultEstimate: string;
  readonly protected?: boolean;
  readonly approverRole: string;
  readonly separationOfDuties?: boolean;
  readonly requestedBy?: string;
  readonly now?: string;
  readonly planId?: string;
  readonly json?: boolean;
}

function number(value: string, flag: string, integer: boolean): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || (integer && (!Number.isInteger(n) || n < 1))) {
    throw new CliError(`${flag} must be ${integer ? 'a whole number ≥ 1' : 'a number ≥ 0'} (got "${value}")`);
  }
  return n;
}

/** Every node of a --state manifest, as if built when that manifest was written (dbt's --state assumption). */
function assumedBuilt(prev: Manifest, label: string): RunRecord[] {
  const at = prev.generatedAt;
  return [...prev.nodes.keys()].sort().map((uniqueId) => ({ uniqueId, status: 'success', startedAt: at, completedAt: at, durationSeconds: 0, manifest: prev, label }));
}

export function planRequestFromFiles(current: LoadedArtifacts, previous: LoadedArtifacts | null, options: PlanOptions): PlanRequest {
  const manifest = current.set.manifest;
  const prev = previous?.set.manifest ?? null;
  const runResults: IngestedRunResults[] = [];
  if (previous?.set.runResults) runResults.push({ label: previous.files.runResults ?? 'state run_results.json', results: previous.set.runResults, manifest: prev });
  if (current.set.runResults) runResults.push({ label: current.files.runResults ?? 'run_results.json', results: current.set.runResults, manifest });
  const sources = [previous?.set.sources, current.set.sources].filter((s) => s !== null && s !== undefined);
  const select = options.select ?? null;
  const exclude = options.exclude ?? null;
  const selected = selectNodes({
    graph: current.graph,
    manifest,
    select: select ?? undefined,
    exclude: exclude ?? undefined,
    state: { previousManifest: prev, previousRunResults: previous?.set.runResults ?? null, previousSources: previous?.set.sources ?? null, currentSources: current.set.sources },
  });
  const now = options.now ?? new Date().toISOString();
  const budget = options.budget === undefined ? null : number(options.budget, '--budget', false);
  if (options.budgetMode !== 'approve' && options.budgetMode !== 'drop') throw new CliError(`--budget-mode must be approve or drop (got "${options.budgetMode}")`);
  return {
    planId: options.planId ?? `local-${now}`,
    now,
    requestedBy: options.requestedBy ?? null,
    graph: current.graph,
    manifest,
    selection: { select, exclude, selected, named: namedNodes(current.graph, manifest, select), fullRefresh: options.fullRefresh === true },
    environment: {
      id: 'local',
      name: 'local',
      concurrency: number(options.concurrency, '--concurrency', true),
      costRatePerHour: number(options.costRate, '--cost-rate', false),
      budget,
      budgetMode: options.budgetMode,
      protected: options.protected === true,
      approverRole: options.approverRole,
      separationOfDuties: options.separationOfDuties === true,
      defaultEstimateSeconds: number(options.defaultEstimate, '--default-estimate', false),
    },
    history: {
      nodeRuns: prev !== null && options.assumeStateBuilt === true ? assumedBuilt(prev, `state manifest ${previous?.files.manifest ?? ''}`.trim()) : [],
      runResults,
      sources,
      catalog: current.set.catalog ?? previous?.set.catalog ?? null,
    },
  };
}

const clip = (text: string, width: number): string => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

/** The reason that decided the action; for a plain selected node, why it was not skipped. */
function mainReason(node: PlanNode): string {
  const applied = node.reasons.find((r) => r.outcome === 'applied' && r.action !== null);
  if (applied !== undefined && applied.policyId !== 'selection') return applied.text;
  const other = node.reasons.find((r) => r.outcome !== 'applied');
  return other?.text ?? applied?.text ?? '';
}

/** The readable table: action, node, reason, estimate; then totals and the explanation. */
export function renderPlanTable(plan: ExecutionPlan): string {
  const rows = plan.nodes.map((n) => [n.action, n.uniqueId, clip(mainReason(n), 90), `${formatSeconds(n.estimate.seconds)} (${n.estimate.basis})`]);
  const header = ['ACTION', 'NODE', 'REASON', 'ESTIMATE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  const t = plan.totals;
  return [
    line(header),
    ...rows.map(line),
    '',
    `totals: ${t.nodes.RUN} RUN, ${t.nodes.PARTIAL} PARTIAL, ${t.nodes.SKIP} SKIP of ${t.nodes.total}; work ${formatSeconds(t.estimatedSeconds)}; makespan ${formatSeconds(t.makespanSeconds)} at concurrency ${t.concurrency}; cost ${roundTo(t.estimatedCost, 4)}${t.budget === null ? '' : ` (budget ${t.budget})`}`,
    `approvals: ${plan.approvals.required ? plan.approvals.rules.map((r) => `${r.count} × ${r.role}`).join(', ') : 'none'}`,
    `hash: ${plan.hash}`,
    '',
    ...plan.explanation,
    '',
  ].join('\n');
}

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('build an execution plan offline from dbt artifacts (PATH: a manifest.json or a folder with it)')
    .argument('<path>', 'manifest.json, or a folder holding it (and run_results.json, sources.json, catalog.json)')
    .option('-s, --select <expr>', 'dbt selection expression')
    .option('--exclude <expr>', 'dbt exclusion expression')
    .option('--state <prev_path>', 'artifacts of the previous state (its manifest, run_results and sources are history)')
    .option('--assume-state-built', "treat every node of the --state manifest as built when it was generated (dbt's --state assumption)")
    .option('--full-refresh', 'rebuild incremental models and seeds from scratch (beats automatic skips)')
    .option('--concurrency <n>', 'nodes run at once', '4')
    .option('--budget <x>', 'cost budget of the plan')
    .option('--budget-mode <mode>', 'over budget: approve | drop', 'approve')
    .option('--cost-rate <x>', 'warehouse cost per hour of node run time', '0')
    .option('--default-estimate <seconds>', 'estimate of a node with no history, timing or statistics', '60')
    .option('--protected', 'the environment is protected: every plan needs an approval')
    .option('--approver-role <role>', 'role that approves plans', 'admin')
    .option('--separation-of-duties', 'the requester cannot approve')
    .option('--requested-by <user>', 'who requests the plan')
    .option('--now <iso>', 'the planning instant (default: the current time)')
    .option('--plan-id <id>', 'plan id (default: local-<now>)')
    .option('--json', 'print the plan as JSON')
    .action((path: string, options: PlanOptions) => {
      const current = loadArtifacts(path);
      const previous = options.state === undefined ? null : loadArtifacts(options.state);
      let plan: ExecutionPlan;
      try {
        plan = buildPlan(planRequestFromFiles(current, previous, options), createDefaultRegistry());
      } catch (err) {
        if (err instanceof InputError) throw new CliError(err.message);
        throw err;
      }
      process.stdout.write(options.json === true ? `${JSON.stringify(plan, null, 2)}\n` : renderPlanTable(plan));
    });
}
