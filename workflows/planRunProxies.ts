/** Activity stubs of the run workflow, and the per-kind options of the one activity per dbt node. */
import { ActivityCancellationType, proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { SluiceActivities } from '../activities';
import type { RunnableNode } from './dag';
import type { PlanRunOptions } from './planRunTypes';

/** Planning and persistence: short, idempotent, retried until the store answers. */
export const runStateActivities = proxyActivities<Pick<SluiceActivities, 'loadRunPlan' | 'recordRunStatus' | 'recordNodeRuns'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * Failure types no retry can fix (activities/node/classifyNodeFailure.ts marks them non-retryable
 * too; listing them here keeps the guarantee if an activity forgets).
 */
export const nonRetryableNodeFailures = [
  'DbtCompilationError', 'DbtTestFailure', 'DbtDatabaseError', 'DbtRuntimeError', 'DbtConfigurationError', 'RunnerProtocolError',
];

/** Models, seeds and snapshots retry transient errors with backoff; tests at most once more (transient only). */
export function nodeActivityOptions(node: RunnableNode, options: PlanRunOptions): ActivityOptions {
  const maxAttempts = options.maxAttempts ?? 4;
  const attempts = retriedKind(node.kind) ? maxAttempts : Math.min(2, maxAttempts);
  return {
    // The dbt unique_id: the Temporal UI lists a run's activities by node.
    activityId: node.id,
    startToCloseTimeout: `${options.nodeTimeoutSeconds ?? 4 * 3600} seconds`,
    heartbeatTimeout: `${options.heartbeatTimeoutSeconds ?? 30} seconds`,
    // Cancelling the run waits until dbt has really stopped (its query is gone) before moving on.
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: {
      initialInterval: options.retryInitialIntervalMs ?? 2000,
      backoffCoefficient: 2,
      maximumInterval: '2 minutes',
      maximumAttempts: attempts,
      nonRetryableErrorTypes: nonRetryableNodeFailures,
    },
  };
}

function retriedKind(kind: string): boolean {
  return kind === 'model' || kind === 'seed' || kind === 'snapshot';
}

/** The node activity, with options of its own (activity id, retry policy by kind). */
export function nodeActivity(node: RunnableNode, options: PlanRunOptions) {
  return proxyActivities<Pick<SluiceActivities, 'executeNode'>>(nodeActivityOptions(node, options)).executeNode;
}
