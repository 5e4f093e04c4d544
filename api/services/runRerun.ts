import { sealPlan } from '../../domain/plan/canonical';
import type { ExecutionPlan } from '../../domain/plan/types';
import { getPlan, getPlanByHash } from '../../store/operations/plans/getPlan';
import { listNodeRuns } from '../../store/operations/runs/listNodeRuns';
import { isTerminal } from '../../store/operations/runs/runTransitions';
import type { Run } from '../../store/types';
import type { NodeState } from '../../workflows/dag/types';
import { rerunFromFailure } from '../../workflows/dag/rerun';
import { actorOf, type Principal } from '../auth/principal';
import type { ApiDeps } from '../deps';
import { HttpProblem } from '../problem';
import { planResource, storePlan, type PlanResource } from './plans';
import { startPlanRun, temporalOf, type StartRunResult } from './runs';

export interface RerunResult extends StartRunResult {
  /** The new plan: the nodes of the old one that failed or never finished. */
  plan: PlanResource;
}

/**
 * Rerun from failure: a new plan holding the nodes of a finished run that failed or did not finish
 * (from the node runs the workflow recorded), stored and started as a new run. The plan is derived
 * only from the old run and the caller, so a retry builds the same plan (same hash) and, with the same
 * Idempotency-Key, gets the same run.
 */
export async function rerunFromFailedRun(args: { deps: ApiDeps; principal: Principal; run: Run; idempotencyKey: string | null }): Promise<RerunResult> {
  const { deps, run } = args;
  temporalOf(deps);
  if (!isTerminal(run.status)) throw new HttpProblem(409, 'conflict/run-not-finished', 'Conflict', `run ${run.id} is ${run.status}: rerun it once it has ended`);
  const old = await getPlan({ db: deps.store.db, tenantId: run.tenantId, id: run.planId });
  const states: Record<string, NodeState> = {};
  // Rows come ordered by node and attempt: the last one of a node is its outcome.
  for (const row of await listNodeRuns({ db: deps.store.db, tenantId: run.tenantId, runId: run.id })) states[row.uniqueId] = row.status as NodeState;
  const actor = actorOf(args.principal);
  const unsealed = rerunFromFailure(old.body as ExecutionPlan, states, {
    id: `rerun-${run.id}`,
    createdAt: run.finishedAt ?? run.updatedAt,
    requestedBy: actor,
    fromRunId: run.id,
  });
  if (unsealed === null) throw new HttpProblem(409, 'conflict/nothing-to-rerun', 'Conflict', `every node of run ${run.id} succeeded or was skipped`);
  const sealed = sealPlan(unsealed);
  const existing = await getPlanByHash({ db: deps.store.db, tenantId: run.tenantId, planHash: sealed.hash });
  const plan = existing
    ? planResource(existing)
    : await storePlan({ store: deps.store, principal: args.principal, tenantId: run.tenantId, environmentId: old.environmentId, versionId: old.versionId, plan: sealed, context: { rerunOf: run.id } });
  const stored = existing ?? (await getPlan({ db: deps.store.db, tenantId: run.tenantId, id: plan.id }));
  const started = await startPlanRun({
    deps, principal: args.principal, tenantId: run.tenantId, plan: stored, idempotencyKey: args.idempotencyKey, options: {},
    audit: { action: 'run.rerun', context: { rerunOf: run.id } },
  });
  return { ...started, plan };
}
