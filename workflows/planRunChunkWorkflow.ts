import { CancellationScope } from '@temporalio/workflow';
import { interpretDag } from './planRunInterpreter';
import { RunRecorder } from './planRunRecorder';
import type { PlanRunChunkInput, PlanRunChunkResult } from './planRunTypes';

/**
 * One part of a big plan, started by planRunWorkflow. It walks its nodes like the parent would and
 * records them; on cancel it stops its nodes, records them and returns their states.
 */
export async function planRunChunkWorkflow(input: PlanRunChunkInput): Promise<PlanRunChunkResult> {
  const recorder = new RunRecorder(input.tenantId, input.runId, input.options.recordBatch ?? 100);
  const done = await interpretDag({
    nodes: input.nodes,
    blocked: input.blocked,
    concurrency: input.concurrency,
    run: { tenantId: input.tenantId, runId: input.runId, environmentId: input.environmentId, versionId: input.versionId },
    options: input.options,
    onNode: (_i, record) => {
      if (record.status !== 'running') recorder.add(record);
    },
  });
  await CancellationScope.nonCancellable(() => recorder.drain());
  return { states: done.states };
}
