import { ApplicationFailure } from '@temporalio/common';
import { createExecuteNode, type ExecuteNodeDeps } from './executeNode';
import { createPlanRunActivities } from './planRunActivities';
import { withAttempt } from './planRunNode';
import { createReportWorker } from './reportWorker';
import { createScheduledPlanActivities, type ScheduledRunPlanner } from './scheduledPlan';
import type { RunStateSink } from './runStateSink';

/** What activities need from the process that hosts them; built once at the composition root. */
export interface ActivityDeps {
  readonly workerIdentity: string;
  /** Path of the dbt executable in the project's virtualenv, or null when dbt is not installed. */
  readonly dbtExecutable: string | null;
  /** Where runs load plans and mirror their state (activities/runStateSink.ts); absent on a worker without a store. */
  readonly runState?: RunStateSink | null;
  /** How dbt nodes run (the warm runner pool); absent on a worker that runs no dbt nodes. */
  readonly node?: ExecuteNodeDeps | null;
  /** Builds and records the plan of a scheduled run (activities/scheduledPlan.ts); absent on a worker that runs no schedules. */
  readonly scheduledPlanner?: ScheduledRunPlanner | null;
}

/** Builds every activity with its dependencies (STYLE.md: activities-dependency-injection). */
export function createActivities(deps: ActivityDeps) {
  const node = deps.node ?? null;
  return {
    reportWorker: createReportWorker(deps),
    // One activity per dbt node; the wrapper adds the attempt number to its result or failure.
    executeNode: withAttempt(
      node
        ? createExecuteNode(node)
        : async () => {
            throw ApplicationFailure.nonRetryable('this worker has no dbt runner pool configured', 'RunnerNotConfigured');
          },
    ),
    ...createPlanRunActivities({ runState: deps.runState ?? null }),
    ...createScheduledPlanActivities({ scheduledPlanner: deps.scheduledPlanner ?? null }),
  };
}

export type SluiceActivities = ReturnType<typeof createActivities>;
