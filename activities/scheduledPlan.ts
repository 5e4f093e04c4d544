// The activity of a scheduled run (workflows/scheduledPlanRun.ts): build and store a plan for the
// schedule's selection at the scheduled time, and record its queued Run, as `POST .../plans` and
// `POST .../runs` would. The building itself is injected (ScheduledRunPlanner): it is the API's plan
// builder, which this folder may not import, handed over at the worker's composition root.
import { ApplicationFailure } from '@temporalio/common';
import { InputError } from '../domain/errors';
import { ConflictError, NotFoundError } from '../store';

export interface PrepareScheduledRunInput {
  readonly tenantId: string;
  readonly projectId: string;
  readonly scheduleId: string;
  readonly environmentId: string;
  readonly select: string | null;
  readonly exclude: string | null;
  readonly selector: string | null;
  /** ISO-8601: the time the schedule fired for (planning's `now`). */
  readonly scheduledAt: string;
  /** The scheduled workflow's id, unique per action: makes the activity idempotent across retries. */
  readonly scheduledWorkflowId: string;
}

export interface PreparedScheduledRun {
  readonly runId: string;
  /** `run/<project>/<run>`: the id the child planRunWorkflow must have. */
  readonly workflowId: string;
  readonly planId: string;
  readonly planHash: string;
  readonly environmentId: string;
  /** False when an earlier attempt already recorded this run. */
  readonly created: boolean;
}

/**
 * Builds, stores and records; idempotent per `scheduledWorkflowId`. Throws InputError (bad selection,
 * no version), NotFoundError (schedule, project or environment gone) or ConflictError for what no
 * retry can fix.
 */
export interface ScheduledRunPlanner {
  prepare(input: PrepareScheduledRunInput): Promise<PreparedScheduledRun>;
}

export function createScheduledPlanActivities(deps: { readonly scheduledPlanner: ScheduledRunPlanner | null }) {
  return {
    async prepareScheduledRun(input: PrepareScheduledRunInput): Promise<PreparedScheduledRun> {
      const planner = deps.scheduledPlanner;
      if (!planner) throw ApplicationFailure.nonRetryable('this worker has no scheduled-run planner configured', 'ScheduledPlannerNotConfigured');
      try {
        return await planner.prepare(input);
      } catch (e) {
        // Why each is final: the schedule's definition or the project is wrong, not the moment.
        if (e instanceof NotFoundError) throw ApplicationFailure.nonRetryable(e.message, 'NotFound');
        if (e instanceof ConflictError) throw ApplicationFailure.nonRetryable(e.message, 'Conflict');
        if (e instanceof InputError) throw ApplicationFailure.nonRetryable(e.message, 'ScheduledPlanInvalid');
        throw e;
      }
    },
  };
}
