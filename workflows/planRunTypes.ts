/**
 * The data of a plan run: what starts it, what the planning activity returns, what the `status`
 * query answers and what the run ends with. Pure types and helpers: they run in the sandbox, the API
 * and the CLI alike.
 */
import type { NodeCounts, NodeState, RunnableNode } from './dag';

/** ARCHITECTURE §3 run lifecycle (same strings as the store's RunStatus). */
export type RunLifecycle = 'queued' | 'planning' | 'awaiting_approval' | 'running' | 'success' | 'warning' | 'failed' | 'canceled';
export type TerminalLifecycle = Extract<RunLifecycle, 'success' | 'warning' | 'failed' | 'canceled'>;

export interface PlanRunOptions {
  /** Stop everything at the first failure instead of letting other branches finish. */
  readonly failFast?: boolean;
  /** Overrides the plan's (environment's) concurrency; capped at 500 activities in flight. */
  readonly concurrency?: number;
  /** Overrides the environment's approval timeout. */
  readonly approvalTimeoutSeconds?: number;
  /** Plans with more nodes than this run through child workflows (default 500). */
  readonly chunkThreshold?: number;
  /** Nodes per child workflow (default 500). */
  readonly chunkSize?: number;
  /** A worker that stops heartbeating for this long is presumed dead and the node retried (default 30). */
  readonly heartbeatTimeoutSeconds?: number;
  /** Longest a single node attempt may run (default 4 h). */
  readonly nodeTimeoutSeconds?: number;
  /** First retry delay for transient node failures (default 2 s, doubling, at most 2 min). */
  readonly retryInitialIntervalMs?: number;
  /** Attempts for models, seeds and snapshots (default 4); tests get at most 2. */
  readonly maxAttempts?: number;
  /** Node results are persisted in batches of this many (default 50) and at every lifecycle change. */
  readonly recordBatch?: number;
}

/** What starts a run: a reference to an approved-or-approvable plan, never the plan itself. */
export interface PlanRunInput {
  readonly tenantId: string;
  readonly projectId: string;
  readonly runId: string;
  readonly planId: string;
  /** The hash the requester saw; the planning activity refuses a plan with another hash. */
  readonly planHash: string;
  readonly options?: PlanRunOptions;
}

/** What the planning activity returns: the plan reduced to what the interpreter needs. */
export interface LoadedRunPlan {
  readonly planId: string;
  readonly planHash: string;
  readonly projectId: string;
  readonly environmentId: string;
  readonly versionId: string;
  readonly concurrency: number;
  /** From the environment's settings (`approvalTimeoutSeconds`), null for the default. */
  readonly approvalTimeoutSeconds: number | null;
  readonly approvals: {
    readonly required: boolean;
    /** Distinct approvers needed: the sum of the rules' counts, at least 1. */
    readonly requiredCount: number;
    readonly separationOfDuties: boolean;
    readonly requestedBy: string | null;
  };
  readonly nodes: readonly RunnableNode[];
}

export interface ApproveSignal {
  readonly approver: string;
  readonly planHash: string;
  readonly comment?: string;
}

export interface RejectSignal {
  readonly approver: string;
  readonly planHash: string;
  readonly reason?: string;
}

export interface IgnoredSignal {
  readonly signal: 'approve' | 'reject';
  readonly approver: string;
  readonly planHash: string;
  readonly why: 'wrong_plan_hash' | 'separation_of_duties' | 'duplicate' | 'not_awaiting_approval';
  readonly at: string;
}

/** One node's row as persisted (store NodeRun without ids) and shown by the `status` query. */
export interface NodeRunRecord {
  readonly uniqueId: string;
  readonly nodeUuid: string;
  /** Attempt that produced the result (1 = first); 0 for nodes that never started. */
  readonly attempt: number;
  readonly status: NodeState;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly executionTime: number | null;
  readonly adapterResponse: Readonly<Record<string, unknown>>;
  readonly message: string | null;
  /** ApplicationFailure type of a failed node (DbtCompilationError, ...). */
  readonly errorType: string | null;
}

export interface NodeView {
  readonly state: NodeState;
  readonly attempt: number;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly errorType: string | null;
  readonly message: string | null;
}

export interface ChunkView {
  readonly index: number;
  readonly workflowId: string;
  readonly size: number;
  readonly state: 'pending' | 'running' | 'done';
}

/** The `status` query's answer. */
export interface PlanRunStatus {
  readonly runId: string;
  readonly workflowId: string;
  readonly planId: string;
  readonly planHash: string;
  readonly lifecycle: RunLifecycle;
  /** Why the run ended as it did (rejection, timeout, plan hash mismatch, cancel), else null. */
  readonly reason: string | null;
  readonly timings: Readonly<Partial<Record<RunLifecycle, string>>>;
  readonly total: number;
  readonly counts: NodeCounts;
  readonly nodes: Readonly<Record<string, NodeView>>;
  readonly approvals: {
    readonly required: boolean;
    readonly requiredCount: number;
    readonly approvedBy: readonly string[];
    readonly rejectedBy: string | null;
    readonly ignored: readonly IgnoredSignal[];
  };
  readonly chunks: readonly ChunkView[];
}

/** What the workflow returns: the end state without the per-node map (see the query for it). */
export interface PlanRunResult {
  readonly runId: string;
  readonly status: TerminalLifecycle;
  readonly reason: string | null;
  readonly counts: NodeCounts;
  readonly failed: readonly string[];
  readonly interrupted: readonly string[];
}

/** Input of one child workflow of a big plan. */
export interface PlanRunChunkInput {
  readonly tenantId: string;
  readonly runId: string;
  readonly environmentId: string;
  readonly versionId: string;
  readonly index: number;
  readonly nodes: readonly RunnableNode[];
  /** Local indices that cannot run because of failures in earlier chunks. */
  readonly blocked: readonly number[];
  readonly concurrency: number;
  readonly options: PlanRunOptions;
}

export interface PlanRunChunkResult {
  readonly states: readonly NodeState[];
}

/** Workflow id of a run: readable in the Temporal UI and unique per run. */
export function planRunWorkflowId(projectId: string, runId: string): string {
  return `run/${projectId}/${runId}`;
}

/** The Temporal Web UI page of a run (same shape as temporal/client.ts temporalRunUrl). */
export function planRunUrl(ui: { readonly uiUrl: string; readonly namespace: string }, projectId: string, runId: string): string {
  return `${ui.uiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(ui.namespace)}/workflows/${encodeURIComponent(planRunWorkflowId(projectId, runId))}`;
}
