/**
 * What a Sluice schedule starts (temporal/schedules.ts): plan the schedule's selection on its
 * environment at the scheduled time (an activity builds, stores and records the run), then run that
 * plan as a child `planRunWorkflow` (id `run/<project>/<run>`), so approvals, retries and
 * cancellation are the run's own. It waits for the run, so the schedule's overlap policy applies to
 * whole runs; cancelling it (cancel_other) cancels the run.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { executeChild, ParentClosePolicy, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { SluiceActivities } from '../activities';
import { runSearchAttributes } from './planRunDefinitions';
import type { PlanRunOptions, PlanRunResult } from './planRunTypes';
import { planRunWorkflow } from './planRunWorkflow';

/** The schedule's action arguments: everything needed to plan, nothing secret. */
export interface ScheduledPlanRunInput {
  readonly tenantId: string;
  readonly projectId: string;
  readonly scheduleId: string;
  readonly environmentId: string;
  readonly select: string | null;
  readonly exclude: string | null;
  readonly selector: string | null;
  readonly options?: PlanRunOptions;
}

export interface ScheduledPlanRunResult {
  readonly scheduledAt: string;
  readonly runId: string;
  readonly planId: string;
  readonly planHash: string;
  readonly run: PlanRunResult;
}

/** Set by Temporal on every workflow a schedule starts (the nominal time, before jitter). */
const scheduledStartTime = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

const { prepareScheduledRun } = proxyActivities<Pick<SluiceActivities, 'prepareScheduledRun'>>({
  // Planning reads the version's artifacts and the environment's history: longer than a status write.
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

export async function scheduledPlanRunWorkflow(input: ScheduledPlanRunInput): Promise<ScheduledPlanRunResult> {
  const info = workflowInfo();
  const scheduledAt = (info.typedSearchAttributes.get(scheduledStartTime) ?? info.startTime).toISOString();
  const prepared = await prepareScheduledRun({
    tenantId: input.tenantId,
    projectId: input.projectId,
    scheduleId: input.scheduleId,
    environmentId: input.environmentId,
    select: input.select,
    exclude: input.exclude,
    selector: input.selector,
    scheduledAt,
    scheduledWorkflowId: info.workflowId,
  });
  const run = await executeChild(planRunWorkflow, {
    workflowId: prepared.workflowId,
    args: [{ tenantId: input.tenantId, projectId: input.projectId, runId: prepared.runId, planId: prepared.planId, planHash: prepared.planHash, ...(input.options ? { options: input.options } : {}) }],
    // A terminated schedule action (terminate_other) still lets its run end `canceled` cleanly.
    parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    typedSearchAttributes: [
      { key: runSearchAttributes.tenant, value: input.tenantId },
      { key: runSearchAttributes.project, value: input.projectId },
      { key: runSearchAttributes.environment, value: prepared.environmentId },
      { key: runSearchAttributes.plan, value: prepared.planHash },
      { key: runSearchAttributes.runStatus, value: 'queued' },
    ],
  });
  return { scheduledAt, runId: prepared.runId, planId: prepared.planId, planHash: prepared.planHash, run };
}
