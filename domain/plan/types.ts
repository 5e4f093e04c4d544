/**
 * ExecutionPlan (ARCHITECTURE §3): the contract between the person who approves and the workflow
 * that runs. Plain JSON data only (no Maps, no undefined, no functions): it is hashed over its
 * canonical JSON, stored, signalled and interpreted by the run workflow without the manifest.
 */
import type { JsonNull, NodeKind } from '../artifacts/types';

/** What the workflow does with a node. */
export type PlanAction = 'RUN' | 'SKIP' | 'PARTIAL';

export const PLAN_ACTIONS: readonly PlanAction[] = ['RUN', 'SKIP', 'PARTIAL'];

/** The dbt command that executes one node (`dbt <command> --select <unique_id>`). */
export type DbtCommand = 'run' | 'seed' | 'snapshot' | 'test' | 'build';

/** Where an estimate comes from, best first (see domain/plan/estimate.ts). */
export type EstimateBasis = 'history' | 'run_results' | 'catalog' | 'default';

/** A JSON scalar: the values evidence may carry. */
export type EvidenceValue = string | number | boolean | JsonNull;
export type Evidence = Readonly<Record<string, EvidenceValue>>;

export interface Estimate {
  /** Estimated duration of one run of the node, seconds (millisecond precision). */
  readonly seconds: number;
  /** seconds × the environment's cost rate per hour / 3600, rounded to 1e-6. */
  readonly cost: number;
  readonly basis: EstimateBasis;
  /** How the figure was obtained, e.g. "median of 3 recent successful runs: 10 s, 12 s, 15 s". */
  readonly detail: string;
}

/** A decision that touched a node, whether it won or was overruled. */
export interface NodeReason {
  readonly policyId: string;
  /** The action the decision asked for, or null for a priority or an informational note. */
  readonly action: PlanAction | JsonNull;
  /** `applied`: it set the node's action or priority; `overruled`: a stronger decision won; `note`: information only. */
  readonly outcome: 'applied' | 'overruled' | 'note';
  readonly text: string;
  readonly evidence: Evidence;
}

/** The partition a PARTIAL node processes: [start, end) in UTC, and the vars that select it. */
export interface PartitionRange {
  readonly column: string;
  readonly granularity: PartitionGranularity;
  readonly lookback: number;
  readonly start: string;
  readonly end: string;
}

export type PartitionGranularity = 'hour' | 'day' | 'month';

export interface PlanNode {
  readonly uniqueId: string;
  readonly nodeUuid: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly action: PlanAction;
  readonly command: DbtCommand;
  readonly fullRefresh: boolean;
  /** dbt vars passed with `--vars` (PARTIAL selects its partition this way); {} when none. */
  readonly vars: Readonly<Record<string, string>>;
  readonly partition: PartitionRange | JsonNull;
  /** Scheduling priority: higher starts first among ready nodes and is dropped last by a budget. */
  readonly priority: number;
  /** unique_ids of the nearest upstream nodes that are in this plan (through nodes that are not). */
  readonly upstream: readonly string[];
  readonly estimate: Estimate;
  readonly reasons: readonly NodeReason[];
}

export interface ApprovalRule {
  readonly role: string;
  readonly count: number;
  readonly policyId: string;
  readonly reason: string;
}

export interface PlanApprovals {
  readonly required: boolean;
  readonly rules: readonly ApprovalRule[];
  /** When true the person who requested the plan cannot approve it. */
  readonly separationOfDuties: boolean;
  readonly requestedBy: string | null;
}

export interface PlanTotals {
  readonly nodes: Readonly<Record<PlanAction, number>> & { readonly total: number };
  /** Sum of the estimates of RUN and PARTIAL nodes, seconds. */
  readonly estimatedSeconds: number;
  /** Estimated wall-clock time at `concurrency` (list scheduling by priority, then critical path). */
  readonly makespanSeconds: number;
  readonly concurrency: number;
  readonly estimatedCost: number;
  /** Estimated seconds not spent because nodes are skipped. */
  readonly skippedSeconds: number;
  readonly budget: number | null;
}

/** A plan-level decision (budget arithmetic, approvals, notes that concern no single node). */
export interface PlanDecision {
  readonly policyId: string;
  readonly text: string;
  readonly evidence: Evidence;
}

export interface PlanSettings {
  readonly concurrency: number;
  readonly costRatePerHour: number;
  readonly budget: number | null;
  readonly budgetMode: BudgetMode;
  readonly defaultEstimateSeconds: number;
}

export type BudgetMode = 'approve' | 'drop';

export interface PlanSelection {
  readonly select: string | null;
  readonly exclude: string | null;
  /** Nodes the user named explicitly (they beat automatic skips and budget drops). */
  readonly named: readonly string[];
  readonly fullRefresh: boolean;
  /** Selected ids the manifest does not have or that dbt does not execute (sources, exposures, ephemeral models, ...). */
  readonly ignored: readonly string[];
}

export interface ExecutionPlan {
  readonly formatVersion: 1;
  /** Given by the caller; not derived from content. */
  readonly id: string;
  /** sha256 (hex) of the canonical JSON of this plan without `hash`. */
  readonly hash: string;
  readonly projectId: string;
  readonly environment: { readonly id: string; readonly name: string };
  readonly createdAt: string;
  readonly requestedBy: string | null;
  readonly selection: PlanSelection;
  readonly settings: PlanSettings;
  /** Ids of the policies applied, in the order they were applied. */
  readonly policies: readonly string[];
  /** Topological order (ties by unique_id). */
  readonly nodes: readonly PlanNode[];
  readonly totals: PlanTotals;
  readonly approvals: PlanApprovals;
  readonly decisions: readonly PlanDecision[];
  readonly explanation: readonly string[];
}

export type UnhashedPlan = Omit<ExecutionPlan, 'hash'>;
