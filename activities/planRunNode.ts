// Adds the attempt number to what a node activity returns or throws, so the NodeRun the workflow
// records names the attempt that produced it (Temporal retries are invisible to workflow code).
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ExecuteNodeInput, ExecuteNodeOutput } from './executeNode';

export type PlanNodeOutput = ExecuteNodeOutput & { readonly attempt: number };
export type ExecuteNodeFn = (input: ExecuteNodeInput) => Promise<ExecuteNodeOutput>;

/** Details entry carrying the attempt on a failure. */
export interface AttemptDetail {
  readonly sluiceAttempt: number;
}

export function withAttempt(executeNode: ExecuteNodeFn) {
  return async function executeNodeWithAttempt(input: ExecuteNodeInput): Promise<PlanNodeOutput> {
    const attempt = Context.current().info.attempt;
    try {
      return { ...(await executeNode(input)), attempt };
    } catch (e) {
      if (!(e instanceof ApplicationFailure)) throw e;
      const detail: AttemptDetail = { sluiceAttempt: attempt };
      throw ApplicationFailure.create({
        type: e.type ?? 'Error', message: e.message, nonRetryable: e.nonRetryable ?? false, details: [...(e.details ?? []), detail], cause: e.cause,
      });
    }
  };
}
