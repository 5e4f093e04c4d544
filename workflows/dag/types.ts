/**
 * The run workflow's view of a plan: only what the interpreter needs, small enough to travel in
 * workflow history for 5,000 nodes (upstream as indices, no reasons or explanations).
 */
import type { DbtCommand, PlanAction } from '../../domain/plan/types';

export interface RunnableNode {
  /** dbt unique_id; also the activity id. */
  readonly id: string;
  readonly uuid: string;
  readonly kind: string;
  readonly action: PlanAction;
  readonly command: DbtCommand;
  readonly fullRefresh: boolean;
  readonly vars: Readonly<Record<string, string>>;
  readonly priority: number;
  /** Indices (into the same node list) of the nearest upstream nodes in the plan. */
  readonly up: readonly number[];
  /** Estimated seconds (0 for SKIP nodes: they take no slot). */
  readonly seconds: number;
}

/**
 * Where a node is. `pending` waits for parents; `skipped` is a SKIP node of the plan (no activity);
 * `upstream_failed` a descendant of a failure; `not_run` never started (fail-fast, cancel, rejection);
 * `interrupted` was running when the run was canceled or failed fast.
 */
export type NodeState =
  | 'pending' | 'running' | 'success' | 'warning' | 'failed' | 'skipped' | 'upstream_failed' | 'not_run' | 'interrupted';

export const nodeStates: readonly NodeState[] = [
  'pending', 'running', 'success', 'warning', 'failed', 'skipped', 'upstream_failed', 'not_run', 'interrupted',
];

/** What an executed node ended as, from the interpreter's point of view. */
export type NodeOutcome = 'success' | 'warning' | 'failed' | 'interrupted';

export type NodeCounts = Readonly<Record<NodeState, number>>;

export function isFinal(state: NodeState): boolean {
  switch (state) {
    case 'pending':
    case 'running':
      return false;
    case 'success':
    case 'warning':
    case 'failed':
    case 'skipped':
    case 'upstream_failed':
    case 'not_run':
    case 'interrupted':
      return true;
    default: {
      const unreachable: never = state;
      throw new Error(`unknown node state ${String(unreachable)}`);
    }
  }
}

/** Nodes a rerun from failure takes again: the ones that failed or never finished. */
export function needsRerun(state: NodeState): boolean {
  switch (state) {
    case 'failed':
    case 'upstream_failed':
    case 'not_run':
    case 'interrupted':
    case 'pending':
    case 'running':
      return true;
    case 'success':
    case 'warning':
    case 'skipped':
      return false;
    default: {
      const unreachable: never = state;
      throw new Error(`unknown node state ${String(unreachable)}`);
    }
  }
}
