import { WorkflowNotFoundError } from '@temporalio/common';
import type { ExecutionPlan } from '../../domain/plan/types';
import { ConflictError } from '../../store/errors';
import { getPlan } from '../../store/operations/plans/getPlan';
import { getRun } from '../../store/operations/runs/getRun';
import { isTerminal } from '../../store/operations/runs/runTransitions';
import type { Role, Run } from '../../store/types';
import { approveSignal, rejectSignal } from '../../workflows/planRunDefinitions';
import { actorOf, hasRole, isRole, type Principal } from '../auth/principal';
import type { ApiDeps } from '../deps';
import { HttpProblem } from '../problem';
import { recordAudit } from './audit';
import { liveStatus, temporalOf } from './runs';

export interface GateDecision {
  runId: string;
  planHash: string;
  /** Who decided (the caller). */
  actor: string;
  /** False when this decision was already counted (a retry, or the same approver again): nothing was sent. */
  counted: boolean;
  /** Distinct approvers so far, and how many the plan needs. */
  approvedBy: string[];
  requiredCount: number;
}

const rank: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** The role every approver of this plan needs: the highest its rules name (an unknown role means admin). */
function approverRole(plan: ExecutionPlan): Role {
  let needed: Role = 'viewer';
  for (const rule of plan.approvals.rules) {
    const role: Role = isRole(rule.role) ? rule.role : 'admin';
    if (rank[role] > rank[needed]) needed = role;
  }
  return needed;
}

const WAITING = new Set(['queued', 'planning', 'awaiting_approval']);

/**
 * Approves or rejects a run's plan for the caller: checks the plan hash the caller saw, that the plan
 * needs an approval, the approver role and separation of duties, and that the run still waits; then
 * signals the workflow with the plan hash. A decision the workflow already holds is not sent again.
 */
export async function decideRun(args: {
  deps: ApiDeps;
  principal: Principal;
  run: Run;
  decision: 'approve' | 'reject';
  planHash?: string | undefined;
  note?: string | undefined;
  idempotencyKey: string | null;
}): Promise<GateDecision> {
  const { deps, principal, run, decision } = args;
  const temporal = temporalOf(deps);
  const stored = await getPlan({ db: deps.store.db, tenantId: run.tenantId, id: run.planId });
  const plan = stored.body as ExecutionPlan;
  if (args.planHash !== undefined && args.planHash !== stored.planHash) {
    throw new HttpProblem(409, 'conflict/plan-hash-mismatch', 'Conflict', `run ${run.id} runs plan ${stored.planHash}, not ${args.planHash}: an approval is for one plan hash only`);
  }
  if (!plan.approvals.required) throw new HttpProblem(409, 'conflict/no-approval-required', 'Conflict', `the plan of run ${run.id} needs no approval`);
  const needed = approverRole(plan);
  if (!hasRole(principal, needed)) throw new HttpProblem(403, 'forbidden', 'Forbidden', `approving this plan needs the ${needed} role`);
  const actor = actorOf(principal);
  if (decision === 'approve' && plan.approvals.separationOfDuties && (actor === plan.approvals.requestedBy || actor === run.requestedBy)) {
    throw new HttpProblem(403, 'separation-of-duties', 'Forbidden', 'separation of duties: who requested this plan or run cannot approve it');
  }
  const current = await getRun({ db: deps.store.db, tenantId: run.tenantId, id: run.id });
  const status = await liveStatus(temporal, run.workflowId);
  if (!WAITING.has(current.status) || (status !== null && !WAITING.has(status.lifecycle))) {
    throw new HttpProblem(409, 'conflict/not-awaiting-approval', 'Conflict', `run ${run.id} is ${status?.lifecycle ?? current.status}, not awaiting approval`);
  }
  const approvedBy = [...(status?.approvals.approvedBy ?? [])];
  const requiredCount = status?.approvals.requiredCount ?? Math.max(1, plan.approvals.rules.reduce((n, r) => n + r.count, 0));
  const already = decision === 'approve' ? approvedBy.includes(actor) : status?.approvals.rejectedBy === actor;
  if (already) return { runId: run.id, planHash: stored.planHash, actor, counted: false, approvedBy, requiredCount };

  const handle = temporal.client.workflow.getHandle(run.workflowId);
  try {
    if (decision === 'approve') await handle.signal(approveSignal, { approver: actor, planHash: stored.planHash, ...(args.note ? { comment: args.note } : {}) });
    else await handle.signal(rejectSignal, { approver: actor, planHash: stored.planHash, ...(args.note ? { reason: args.note } : {}) });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new HttpProblem(409, 'conflict/not-awaiting-approval', 'Conflict', `run ${run.id} has no running workflow`);
    throw err;
  }
  await recordAudit({
    db: deps.store.db, principal, tenantId: run.tenantId, action: decision === 'approve' ? 'run.approve' : 'run.reject', subjectType: 'run', subjectId: run.id,
    context: { planHash: stored.planHash, note: args.note ?? null, idempotencyKey: args.idempotencyKey },
  });
  if (decision === 'approve') approvedBy.push(actor);
  return { runId: run.id, planHash: stored.planHash, actor, counted: true, approvedBy, requiredCount };
}

/** Cancels a run's workflow (Temporal's own cancellation: running nodes are interrupted). */
export async function cancelRun(args: { deps: ApiDeps; principal: Principal; run: Run; reason?: string | undefined }): Promise<Run> {
  const { deps, run } = args;
  const temporal = temporalOf(deps);
  const current = await getRun({ db: deps.store.db, tenantId: run.tenantId, id: run.id });
  if (isTerminal(current.status)) throw new HttpProblem(409, 'conflict/run-finished', 'Conflict', `run ${run.id} already ended ${current.status}`);
  try {
    await temporal.client.workflow.getHandle(run.workflowId).cancel();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new ConflictError(`run ${run.id} has no running workflow`, 'in_use');
    throw err;
  }
  await recordAudit({ db: deps.store.db, principal: args.principal, tenantId: run.tenantId, action: 'run.cancel', subjectType: 'run', subjectId: run.id, context: { reason: args.reason ?? null } });
  return getRun({ db: deps.store.db, tenantId: run.tenantId, id: run.id });
}
