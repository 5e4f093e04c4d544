/**
 * One durable workflow per run of an approved plan (ARCHITECTURE §5). Lifecycle
 * queued → planning → awaiting_approval → running → success | warning | failed | canceled.
 * The plan is data (loaded and hash-checked by an activity); the DAG interpreter walks it.
 */
import {
  ActivityFailure, ApplicationFailure, CancellationScope, condition, isCancellation, log, setHandler, upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { LoadedRunPlan, PlanRunInput, PlanRunResult, RunLifecycle, TerminalLifecycle } from './planRunTypes';
import { approveSignal, rejectSignal, runSearchAttributes, statusQuery } from './planRunDefinitions';
import { interpretDag } from './planRunInterpreter';
import { runChunks } from './planRunChunks';
import { runStateActivities } from './planRunProxies';
import { RunRecorder } from './planRunRecorder';
import { PlanRunState } from './planRunState';

/** Most activities one workflow keeps in flight (ARCHITECTURE §5). */
export const maxInFlight = 500;
const defaultApprovalTimeoutSeconds = 7 * 24 * 3600;

export async function planRunWorkflow(input: PlanRunInput): Promise<PlanRunResult> {
  const options = input.options ?? {};
  const state = new PlanRunState(input, workflowInfo().workflowId);
  // Handlers first, before any await: a signal sent before the workflow waits is delivered here.
  setHandler(statusQuery, () => state.snapshot());
  setHandler(approveSignal, (s) => state.onApprove(s));
  setHandler(rejectSignal, (s) => state.onReject(s));
  const recorder = new RunRecorder(input.tenantId, input.runId, options.recordBatch ?? 50);

  const finish = async (status: TerminalLifecycle, reason: string | null): Promise<PlanRunResult> => {
    state.reason = reason;
    state.nodes().forEach((node, i) => {
      const s = state.nodeState(i);
      if (s !== 'pending' && s !== 'running') return;
      const record = { uniqueId: node.id, nodeUuid: node.uuid, attempt: 0, status: 'not_run' as const, startedAt: null, completedAt: null, executionTime: null, adapterResponse: {}, message: reason, errorType: null };
      state.setNode(i, record);
      // Never started (in chunk mode: a chunk never started); children record their own nodes.
      recorder.add(record);
    });
    await CancellationScope.nonCancellable(async () => {
      await recorder.drain();
      await transition(status);
    });
    return state.result(status);
  };
  const transition = async (lifecycle: RunLifecycle) => {
    state.setLifecycle(lifecycle);
    upsertSearchAttributes([{ key: runSearchAttributes.runStatus, value: lifecycle }]);
    try {
      await runStateActivities.recordRunStatus({ tenantId: input.tenantId, runId: input.runId, status: lifecycle });
    } catch (err) {
      if (isCancellation(err)) throw err;
      // The store refused the move (the row is gone or was moved by someone else): the workflow goes on.
      log.warn('run status could not be recorded', { runId: input.runId, lifecycle, error: String(err) });
    }
  };

  try {
    await transition('planning');
    let plan: LoadedRunPlan;
    try {
      plan = await runStateActivities.loadRunPlan({ tenantId: input.tenantId, planId: input.planId, planHash: input.planHash });
    } catch (err) {
      if (isCancellation(err) || !(err instanceof ActivityFailure)) throw err;
      const cause = err.cause instanceof ApplicationFailure ? `${err.cause.type ?? 'Error'}: ${err.cause.message}` : err.message;
      return await finish('failed', `planning failed: ${cause}`);
    }
    state.setPlan(plan);
    upsertSearchAttributes([
      { key: runSearchAttributes.tenant, value: input.tenantId },
      { key: runSearchAttributes.project, value: plan.projectId },
      { key: runSearchAttributes.environment, value: plan.environmentId },
      { key: runSearchAttributes.plan, value: plan.planHash },
    ]);

    if (plan.approvals.required) {
      await transition('awaiting_approval');
      const timeoutSeconds = options.approvalTimeoutSeconds ?? plan.approvalTimeoutSeconds ?? defaultApprovalTimeoutSeconds;
      const decided = await condition(() => state.gateDecided, timeoutSeconds * 1000);
      if (!decided) return await finish('canceled', `approval timed out after ${timeoutSeconds} s`);
      if (state.rejection) {
        const why = state.rejection.reason ? `: ${state.rejection.reason}` : '';
        return await finish('canceled', `rejected by ${state.rejection.approver}${why}`);
      }
    }

    await transition('running');
    const concurrency = Math.max(1, Math.min(maxInFlight, Math.floor(options.concurrency ?? plan.concurrency)));
    const run = { tenantId: input.tenantId, runId: input.runId, environmentId: plan.environmentId, versionId: plan.versionId };
    let cancellation: unknown = null;
    if (plan.nodes.length > (options.chunkThreshold ?? 500)) {
      cancellation = await runChunks({ state, plan, run, concurrency, options });
    } else {
      const done = await interpretDag({
        nodes: plan.nodes, blocked: [], concurrency, run, options,
        onNode: (i, record) => {
          state.setNode(i, record);
          if (record.status !== 'running') recorder.add(record);
        },
      });
      cancellation = done.cancellation;
    }
    if (cancellation) {
      await finish('canceled', 'canceled');
      throw cancellation;
    }
    return await finish(state.outcome(), state.counts().failed > 0 && options.failFast ? 'stopped at the first failure (failFast)' : null);
  } catch (err) {
    if (isCancellation(err) && state.lifecycle !== 'canceled') {
      // Canceled before or while waiting for approval: nothing ran.
      await finish('canceled', 'canceled');
    }
    throw err;
  }
}
