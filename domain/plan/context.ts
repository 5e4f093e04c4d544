/**
 * What planning needs from outside: the graph, the selection, the environment, history and `now`.
 * Everything time- or id-dependent comes in here, so planning stays pure and deterministic.
 */
import type { Catalog, Manifest, RunResults, SourceFreshness } from '../artifacts/types';
import type { LogicalGraph } from '../graph/types';
import type { BudgetMode } from './types';

export interface PlanEnvironment {
  readonly id: string;
  readonly name: string;
  /** Nodes the workflow runs at once; also the concurrency of the makespan estimate. */
  readonly concurrency: number;
  /** Warehouse cost per hour of node run time, in the environment's currency. */
  readonly costRatePerHour: number;
  /** Cost limit of one plan, or null for none. */
  readonly budget: number | null;
  /** Over budget: `approve` requires an approval, `drop` drops the lowest-priority nodes. */
  readonly budgetMode: BudgetMode;
  /** Every plan in a protected environment needs an approval. */
  readonly protected: boolean;
  readonly approverRole: string;
  /** The person who requested a plan cannot approve it. */
  readonly separationOfDuties: boolean;
  readonly defaultEstimateSeconds: number;
  /** Policy ids enabled here, or null for every registered policy. */
  readonly enabledPolicies?: readonly string[] | null;
}

/** One run of one node in this environment (from the store), or one result of a run_results.json. */
export interface RunRecord {
  readonly uniqueId: string;
  /** dbt's status (`success`, `pass`, `error`, ...). */
  readonly status: string;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly durationSeconds: number;
  /** The manifest whose definition of the node ran, when known (what state:modified compares to). */
  readonly manifest: Manifest | null;
  /** Where the record comes from, for evidence: a run id, or a file label. */
  readonly label: string;
}

/** A run_results.json with the manifest it was produced from (null when unknown). */
export interface IngestedRunResults {
  readonly label: string;
  readonly results: RunResults;
  readonly manifest: Manifest | null;
}

export interface PlanHistory {
  /** This environment's node runs, any order. */
  readonly nodeRuns: readonly RunRecord[];
  /** Ingested run_results files: timings when there is no history, and evidence of past builds. */
  readonly runResults: readonly IngestedRunResults[];
  /** sources.json files: `max_loaded_at` of each source. */
  readonly sources: readonly SourceFreshness[];
  /** Catalog statistics (row counts, bytes) and the relations that exist. */
  readonly catalog: Catalog | null;
}

export interface PlanSelectionInput {
  readonly select: string | null;
  readonly exclude: string | null;
  /** unique_ids the selection produced. */
  readonly selected: readonly string[];
  /** unique_ids the user named explicitly. */
  readonly named: readonly string[];
  readonly fullRefresh: boolean;
}

export interface PlanRequest {
  readonly planId: string;
  /** ISO-8601 instant: the only clock planning has. */
  readonly now: string;
  readonly requestedBy: string | null;
  readonly graph: LogicalGraph;
  /** The manifest the graph was built from (macros, for state:modified). */
  readonly manifest: Manifest;
  readonly selection: PlanSelectionInput;
  readonly environment: PlanEnvironment;
  readonly history: PlanHistory;
}
