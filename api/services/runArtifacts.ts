import { getPlan } from '../../store/operations/plans/getPlan';
import { listNodeRuns } from '../../store/operations/runs/listNodeRuns';
import { getProjectVersion } from '../../store/operations/versions/getProjectVersion';
import { NotFoundError } from '../../store/errors';
import type { NodeRun, Run, RunStatus } from '../../store/types';
import type { ApiDeps } from '../deps';
import { HttpProblem } from '../problem';

/** The run statuses after which nothing more is recorded: only then are artifacts produced. */
const ENDED: ReadonlySet<RunStatus> = new Set<RunStatus>(['success', 'warning', 'failed', 'canceled']);

export const RUN_RESULTS = 'run_results.json';
const RUN_RESULTS_SCHEMA = 'https://schemas.getdbt.com/dbt/run-results/v6.json';

/** One file a run produced. */
export interface RunArtifact {
  /** The file name (`run_results.json`). */
  name: string;
  contentType: string;
  /** Size in bytes of the file as downloaded. */
  size: number;
  /** sha256 of those bytes: the key the file is stored under in the blob store. */
  sha256: string;
}

export interface RunResultTiming {
  name: string;
  started_at: string | null;
  completed_at: string | null;
}

/** One node's result, in dbt's run_results v6 shape. */
export interface RunResultEntry {
  unique_id: string;
  status: string;
  timing: RunResultTiming[];
  thread_id: string;
  execution_time: number;
  adapter_response: Record<string, unknown>;
  message: string | null;
  failures: number | null;
  compiled: boolean | null;
  compiled_code: string | null;
  relation_name: string | null;
}

/** dbt's run_results.json (schema v6), synthesized from the run's node rows. */
export interface RunResultsFile {
  metadata: {
    dbt_schema_version: string;
    dbt_version: string;
    generated_at: string;
    invocation_id: string;
    env: Record<string, string>;
  };
  results: RunResultEntry[];
  elapsed_time: number;
  args: Record<string, unknown>;
}

/** The last attempt of each node, in the order the nodes were first recorded. */
function lastAttempts(rows: readonly NodeRun[]): NodeRun[] {
  const byNode = new Map<string, NodeRun>();
  for (const row of rows) {
    const seen = byNode.get(row.uniqueId);
    if (!seen || row.attempt >= seen.attempt) byNode.set(row.uniqueId, row);
  }
  return [...byNode.values()];
}

const seconds = (from: string | null, to: string | null): number => {
  if (!from || !to) return 0;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0;
};

/**
 * run_results.json of an ended run, built from the store: one result per node (its last attempt),
 * deterministic, so the same run always gives the same bytes.
 */
export async function buildRunResults(deps: ApiDeps, run: Run): Promise<RunResultsFile> {
  const db = deps.store.db;
  const plan = await getPlan({ db, tenantId: run.tenantId, id: run.planId });
  const version = await getProjectVersion({ db, tenantId: run.tenantId, id: plan.versionId });
  const rows = await listNodeRuns({ db, tenantId: run.tenantId, runId: run.id });
  const results = lastAttempts(rows).map((row): RunResultEntry => ({
    unique_id: row.uniqueId,
    status: row.status,
    timing: row.startedAt || row.completedAt ? [{ name: 'execute', started_at: row.startedAt, completed_at: row.completedAt }] : [],
    thread_id: 'sluice',
    execution_time: row.executionTime ?? seconds(row.startedAt, row.completedAt),
    adapter_response: { ...row.adapterResponse },
    message: row.message,
    failures: typeof row.adapterResponse['failures'] === 'number' ? row.adapterResponse['failures'] : null,
    compiled: null,
    compiled_code: null,
    relation_name: null,
  }));
  return {
    metadata: {
      dbt_schema_version: RUN_RESULTS_SCHEMA,
      dbt_version: version.dbtVersion ?? 'unknown',
      generated_at: run.finishedAt ?? run.updatedAt,
      invocation_id: run.id,
      env: {},
    },
    results,
    elapsed_time: seconds(run.startedAt ?? run.createdAt, run.finishedAt ?? run.updatedAt),
    args: { which: 'sluice', sluice_run_id: run.id, sluice_plan_id: run.planId, sluice_plan_hash: plan.planHash },
  };
}

/**
 * The artifacts of a run: empty until the run has ended. Each file is stored content-addressed in
 * the blob store (the same bytes are one blob) and listed with its sha256.
 */
export async function listRunArtifacts(deps: ApiDeps, run: Run): Promise<RunArtifact[]> {
  if (!ENDED.has(run.status)) return [];
  const file = await buildRunResults(deps, run);
  const bytes = Buffer.from(JSON.stringify(file));
  const sha256 = await deps.blobs.put(bytes);
  return [{ name: RUN_RESULTS, contentType: 'application/json', size: bytes.length, sha256 }];
}

/** One artifact of an ended run (404 for an unknown name; 409 `run-not-finished` while it runs). */
export async function runArtifact(deps: ApiDeps, run: Run, name: string): Promise<{ file: RunResultsFile; sha256: string }> {
  if (name !== RUN_RESULTS) throw new NotFoundError('run artifact', name);
  if (!ENDED.has(run.status)) throw new HttpProblem(409, 'conflict/run-not-finished', 'Conflict', `run ${run.id} is ${run.status}: its artifacts are written when it ends`);
  const file = await buildRunResults(deps, run);
  const sha256 = await deps.blobs.put(Buffer.from(JSON.stringify(file)));
  return { file, sha256 };
}
