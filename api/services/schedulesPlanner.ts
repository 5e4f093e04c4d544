// The worker side of a scheduled run: activities/scheduledPlan.ts gets this planner at the worker's
// composition root. It builds the plan with the API's own builder (buildProjectPlan, the same code as
// `POST .../plans`), stores it and records the queued run as `POST .../runs` does, idempotently per
// scheduled workflow: a retried activity finds the run the first attempt recorded.
import type { BlobStore } from '../../adapters/blobs/types';
import type { PrepareScheduledRunInput, PreparedScheduledRun, ScheduledRunPlanner } from '../../activities/scheduledPlan';
import { InputError } from '../../domain/errors';
import { URL_NAMESPACE, uuidV5 } from '../../domain/ids/uuid';
import type { Store } from '../../store/db';
import { ConflictError } from '../../store/errors';
import { appendAuditEvent } from '../../store/operations/audit/appendAuditEvent';
import { createPlan } from '../../store/operations/plans/createPlan';
import { getPlan } from '../../store/operations/plans/getPlan';
import { createRun } from '../../store/operations/runs/createRun';
import { listRuns } from '../../store/operations/runs/listRuns';
import { getSchedule } from '../../store/operations/schedules/getSchedule';
import type { Run } from '../../store/types';
import { HttpProblem } from '../problem';
import { buildProjectPlan } from './plans';

/** Plan ids of scheduled runs are UUIDv5 of the scheduled workflow id: a retry builds the same plan. */
const SCHEDULED_PLAN_NAMESPACE = uuidV5('https://sluice.dev/ns/scheduled-plan', URL_NAMESPACE);

/** Who a scheduled plan and run are requested by (audit actor, `requestedBy`). */
export const scheduleActor = (scheduleId: string): string => `schedule:${scheduleId}`;

export function storeScheduledRunPlanner(deps: { store: Store; blobs: BlobStore }): ScheduledRunPlanner {
  return {
    async prepare(input: PrepareScheduledRunInput): Promise<PreparedScheduledRun> {
      const db = deps.store.db;
      const { tenantId, projectId } = input;
      // A schedule deleted while an action was buffered plans nothing.
      await getSchedule({ db, tenantId, projectId, id: input.scheduleId });
      const actor = scheduleActor(input.scheduleId);
      const key = `schedule:${input.scheduledWorkflowId}`;
      let built;
      try {
        built = await buildProjectPlan({
          store: deps.store, blobs: deps.blobs, tenantId, projectId,
          input: { environmentId: input.environmentId, select: input.select ?? undefined, exclude: input.exclude ?? undefined, selector: input.selector ?? undefined },
          planId: uuidV5(input.scheduledWorkflowId, SCHEDULED_PLAN_NAMESPACE),
          requestedBy: actor,
          now: new Date(input.scheduledAt),
        });
      } catch (err) {
        // The builder speaks HTTP (it is the API's); for the activity a 4xx is bad input no retry fixes.
        if (err instanceof HttpProblem && err.status < 500) throw new InputError(`schedule ${input.scheduleId}: ${err.message}`, err.type);
        throw err;
      }
      const stored = await createPlan({
        db, tenantId, environmentId: built.environmentId, versionId: built.versionId, planHash: built.plan.hash, body: built.plan, createdBy: actor,
      });
      let run: Run;
      let created: boolean;
      try {
        ({ run, created } = await createRun({ db, tenantId, planId: stored.id, requestedBy: actor, idempotencyKey: key }));
      } catch (err) {
        // An earlier attempt recorded the run with a plan built on other history: that run stands.
        const prior = err instanceof ConflictError && err.code === 'duplicate'
          ? (await listRuns({ db, tenantId, projectId, limit: 1000 })).find((r) => r.idempotencyKey === key)
          : undefined;
        if (!prior) throw err;
        run = prior;
        created = false;
      }
      const plan = run.planId === stored.id ? stored : await getPlan({ db, tenantId, id: run.planId });
      if (created) {
        await appendAuditEvent({
          db, tenantId, actor, action: 'plan.create', subjectType: 'plan', subjectId: plan.id,
          context: { planHash: plan.planHash, environmentId: plan.environmentId, versionId: plan.versionId, nodes: built.plan.totals.nodes.total, scheduleId: input.scheduleId, scheduledAt: input.scheduledAt },
        });
        await appendAuditEvent({
          db, tenantId, actor, action: 'run.start', subjectType: 'run', subjectId: run.id,
          context: { planId: plan.id, planHash: plan.planHash, workflowId: run.workflowId, scheduleId: input.scheduleId, scheduledWorkflowId: input.scheduledWorkflowId },
        });
      }
      return { runId: run.id, workflowId: run.workflowId, planId: plan.id, planHash: plan.planHash, environmentId: run.environmentId, created };
    },
  };
}
