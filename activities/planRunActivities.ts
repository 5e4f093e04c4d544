// Activities of the run workflow besides the nodes themselves: load the plan and check its hash,
// and mirror the run's state into the store.
import { ApplicationFailure } from '@temporalio/common';
import { verifyPlanHash } from '../domain/plan/canonical';
import { ConflictError, NotFoundError } from '../store';
import { toRunnableNodes } from '../workflows/dag/compact';
import type { LoadedRunPlan, NodeRunRecord, RunLifecycle } from '../workflows/planRunTypes';
import type { RunStateSink } from './runStateSink';

export interface PlanRunActivityDeps {
  /** Null on a worker without a store: the activities then fail, non-retryably, saying so. */
  readonly runState: RunStateSink | null;
}

export function createPlanRunActivities(deps: PlanRunActivityDeps) {
  const sink = (): RunStateSink => {
    if (!deps.runState) throw ApplicationFailure.nonRetryable('this worker has no run store configured', 'RunStoreNotConfigured');
    return deps.runState;
  };
  return {
    /** Planning: the plan the run names, refused unless its content matches the hash the requester saw. */
    async loadRunPlan(input: { tenantId: string; planId: string; planHash: string }): Promise<LoadedRunPlan> {
      const stored = await asFailure(() => sink().loadPlan(input));
      const { plan } = stored;
      if (stored.storedHash !== input.planHash || plan.hash !== input.planHash || !verifyPlanHash(plan)) {
        throw ApplicationFailure.nonRetryable(
          `plan ${input.planId} does not match hash ${input.planHash} (stored ${stored.storedHash}, content ${plan.hash})`,
          'PlanHashMismatch',
        );
      }
      const timeout = Number(stored.environmentSettings.approvalTimeoutSeconds);
      return {
        planId: input.planId,
        planHash: plan.hash,
        projectId: stored.projectId,
        environmentId: stored.environmentId,
        versionId: stored.versionId,
        concurrency: plan.settings.concurrency,
        approvalTimeoutSeconds: Number.isFinite(timeout) && timeout > 0 ? timeout : null,
        approvals: {
          required: plan.approvals.required,
          requiredCount: Math.max(1, plan.approvals.rules.reduce((sum, r) => sum + r.count, 0)),
          separationOfDuties: plan.approvals.separationOfDuties,
          requestedBy: plan.approvals.requestedBy,
        },
        nodes: toRunnableNodes(plan),
      };
    },
    async recordRunStatus(input: { tenantId: string; runId: string; status: RunLifecycle }): Promise<void> {
      await asFailure(() => sink().setRunStatus(input));
    },
    async recordNodeRuns(input: { tenantId: string; runId: string; records: readonly NodeRunRecord[] }): Promise<void> {
      await asFailure(() => sink().recordNodeRuns(input));
    },
  };
}

/** Store errors that no retry can fix become non-retryable failures with a type. */
async function asFailure<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof NotFoundError) throw ApplicationFailure.nonRetryable(e.message, 'NotFound');
    if (e instanceof ConflictError) throw ApplicationFailure.nonRetryable(e.message, 'RunStateConflict');
    throw e;
  }
}
