/**
 * Big plans: the DAG runs as a sequence of child workflows of at most `chunkSize` nodes each, so no
 * history nears Temporal's limits and no workflow has more than 500 activities in flight. Each
 * child interprets its part with the same interpreter and records its own nodes.
 */
import { CancellationScope, CancelledFailure, executeChild, isCancellation, workflowInfo } from '@temporalio/workflow';
import { blockedInChunk, splitIntoChunks } from './dag';
import { planRunChunkWorkflow } from './planRunChunkWorkflow';
import type { PlanRunState } from './planRunState';
import type { LoadedRunPlan, PlanRunOptions } from './planRunTypes';

export interface RunChunksArgs {
  readonly state: PlanRunState;
  readonly plan: LoadedRunPlan;
  readonly run: { readonly tenantId: string; readonly runId: string; readonly environmentId: string; readonly versionId: string };
  readonly concurrency: number;
  readonly options: PlanRunOptions;
}

/** Runs every chunk in order; returns the cancellation that stopped it, or null. */
export async function runChunks(args: RunChunksArgs): Promise<unknown> {
  const { state, plan, run, options } = args;
  const chunks = splitIntoChunks(plan.nodes, options.chunkSize ?? 500);
  const parentId = workflowInfo().workflowId;
  chunks.forEach((c, index) => state.chunks.push({ index, workflowId: `${parentId}/chunk-${index}`, size: c.members.length, state: 'pending' }));
  for (const [index, chunk] of chunks.entries()) {
    const view = state.chunks[index];
    if (!view) continue;
    if (options.failFast && state.counts().failed > 0) break;
    state.chunks[index] = { ...view, state: 'running' };
    try {
      const result = await executeChild(planRunChunkWorkflow, {
        workflowId: view.workflowId,
        args: [{ ...run, index, nodes: chunk.nodes, blocked: blockedInChunk(chunk, state.states()), concurrency: args.concurrency, options }],
      });
      result.states.forEach((s, l) => {
        const g = chunk.members[l];
        if (g !== undefined) state.setNode(g, { status: s, attempt: 0, startedAt: null, completedAt: null, errorType: null, message: null });
      });
    } catch (err) {
      if (!isCancellation(err)) throw err;
      // The child recorded its own nodes; here they only stop counting as pending.
      chunk.members.forEach((g) => state.setNode(g, { status: 'interrupted', attempt: 0, startedAt: null, completedAt: null, errorType: null, message: null }));
      return err;
    } finally {
      state.chunks[index] = { ...view, state: 'done' };
    }
  }
  // A child that finished its part after the cancel request completes normally: the run is still canceled.
  return CancellationScope.current().consideredCancelled ? new CancelledFailure('canceled') : null;
}
