import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { JsonNull } from '../../domain/artifacts/types';
import type { ExecutionPlan } from '../../domain/plan/types';
import type { Store } from '../../store/db';
import { NotFoundError } from '../../store/errors';
import { getPlan } from '../../store/operations/plans/getPlan';
import { createRun } from '../../store/operations/runs/createRun';
import { getRun } from '../../store/operations/runs/getRun';
import { listNodeRuns } from '../../store/operations/runs/listNodeRuns';
import { updateRunStatus } from '../../store/operations/runs/updateRunStatus';
import type { NodeRun, Run, StoredPlan } from '../../store/types';
import { searchAttributeKeys } from '../../temporal/searchAttributes';
import type { PlanRunOptions, PlanRunStatus } from '../../workflows/planRunTypes';
import { planRunUrl } from '../../workflows/planRunTypes';
import { statusQuery } from '../../workflows/planRunDefinitions';
import type { planRunWorkflow } from '../../workflows/planRunWorkflow';
import { actorOf, type Principal } from '../auth/principal';
import type { ApiDeps, ApiTemporal } from '../deps';
import { HttpProblem } from '../problem';
import { recordAudit, type AuditAction } from './audit';

/** The run routes need Temporal; without it they answer 503 before anything is stored. */
export function temporalOf(deps: ApiDeps): ApiTemporal {
  if (!deps.temporal) throw new HttpProblem(503, 'temporal-unavailable', 'Runs unavailable', 'this API server has no Temporal connection configured');
  return deps.temporal;
}

/** A run of a project, or 404 (another project's or tenant's run answers the same). */
export async function runInProject(store: Store, tenantId: string, projectId: string, runId: string): Promise<Run> {
  const run = await getRun({ db: store.db, tenantId, id: runId });
  if (run.projectId !== projectId) throw new NotFoundError('run', runId);
  return run;
}

export async function planInProject(store: Store, tenantId: string, projectId: string, planId: string): Promise<StoredPlan> {
  const plan = await getPlan({ db: store.db, tenantId, id: planId });
  if (plan.projectId !== projectId) throw new NotFoundError('plan', planId);
  return plan;
}

export interface StartRunResult {
  run: Run;
  /** False when the Idempotency-Key named a run started before: that run is returned, nothing new starts. */
  created: boolean;
}

/**
 * Records a queued run of a stored plan and starts its `planRunWorkflow` (id `run/<project>/<run>`).
 * With an idempotency key, a retry returns the first run; a run whose workflow start was lost is
 * started then (a workflow id is never reused, so it cannot start twice).
 */
export async function startPlanRun(args: {
  deps: ApiDeps;
  principal: Principal;
  tenantId: string;
  plan: StoredPlan;
  idempotencyKey: string | null;
  options: PlanRunOptions;
  audit?: { action: AuditAction; context: Readonly<Record<string, unknown>> };
}): Promise<StartRunResult> {
  const { deps, tenantId, plan } = args;
  const temporal = temporalOf(deps);
  const { run, created } = await createRun({ db: deps.store.db, tenantId, planId: plan.id, requestedBy: actorOf(args.principal), idempotencyKey: args.idempotencyKey });
  if (run.status === 'queued') await ensureWorkflow(deps, temporal, run, plan, args.options);
  if (created) {
    await recordAudit({
      db: deps.store.db, principal: args.principal, tenantId, action: args.audit?.action ?? 'run.start', subjectType: 'run', subjectId: run.id,
      context: { planId: plan.id, planHash: plan.planHash, workflowId: run.workflowId, idempotencyKey: args.idempotencyKey, ...args.audit?.context },
    });
  }
  return { run: await getRun({ db: deps.store.db, tenantId, id: run.id }), created };
}

async function ensureWorkflow(deps: ApiDeps, temporal: ApiTemporal, run: Run, plan: StoredPlan, options: PlanRunOptions): Promise<void> {
  const body = plan.body as ExecutionPlan;
  try {
    await temporal.client.workflow.start<typeof planRunWorkflow>('planRunWorkflow', {
      taskQueue: temporal.taskQueue,
      workflowId: run.workflowId,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [{ tenantId: run.tenantId, projectId: run.projectId, runId: run.id, planId: plan.id, planHash: plan.planHash, options }],
      typedSearchAttributes: [
        { key: searchAttributeKeys.tenant, value: run.tenantId },
        { key: searchAttributeKeys.project, value: run.projectId },
        { key: searchAttributeKeys.environment, value: body.environment.id },
        { key: searchAttributeKeys.plan, value: plan.planHash },
        { key: searchAttributeKeys.runStatus, value: 'queued' },
      ],
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return;
    deps.log(err);
    // The run cannot start: it ends failed rather than sitting queued forever.
    await updateRunStatus({ db: deps.store.db, tenantId: run.tenantId, id: run.id, status: 'failed' }).catch(() => undefined);
    throw new HttpProblem(503, 'temporal-unavailable', 'Runs unavailable', 'the run could not be started on Temporal; it was marked failed');
  }
}

export interface RunDetail {
  run: Run;
  planHash: string;
  /** One row per node attempt, as the workflow recorded them. */
  nodes: NodeRun[];
  /** The run's page in the Temporal Web UI (null when this API has no Temporal). */
  temporalUrl: string | null;
  /** The workflow's live `status` query (progress, approvals), or null when it cannot be asked now. */
  live: PlanRunStatus | JsonNull;
}

const LIVE_QUERY_MS = 3000;

export async function runDetail(deps: ApiDeps, run: Run): Promise<RunDetail> {
  const plan = await getPlan({ db: deps.store.db, tenantId: run.tenantId, id: run.planId });
  const nodes = await listNodeRuns({ db: deps.store.db, tenantId: run.tenantId, runId: run.id });
  const temporal = deps.temporal;
  return {
    run,
    planHash: plan.planHash,
    nodes,
    temporalUrl: temporal ? planRunUrl(temporal, run.projectId, run.id) : null,
    live: temporal ? await liveStatus(temporal, run.workflowId) : null,
  };
}

/** The workflow's `status` query, or null when it does not answer in time (no worker, workflow gone). */
export async function liveStatus(temporal: ApiTemporal, workflowId: string, timeoutMs = LIVE_QUERY_MS): Promise<PlanRunStatus | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const query = temporal.client.workflow.getHandle(workflowId).query(statusQuery).catch(() => null);
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
