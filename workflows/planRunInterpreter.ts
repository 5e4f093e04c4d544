/**
 * Walks a DAG with Temporal: starts the nodes the scheduler hands out as activities (one per dbt
 * node), feeds their outcomes back, and on cancel waits for the running ones to stop. Used by the
 * run workflow for ordinary plans and by each child workflow of a big plan.
 */
import {
  ActivityFailure, ApplicationFailure, CancellationScope, condition, isCancellation, TimeoutFailure,
} from '@temporalio/workflow';
import type { ExecuteNodeInput, ExecuteNodeOutput } from '../activities/executeNode';
import type { AttemptDetail, PlanNodeOutput } from '../activities/planRunNode';
import { DagScheduler, type NodeOutcome, type NodeState, type RunnableNode } from './dag';
import { nodeActivity } from './planRunProxies';
import type { NodeRunRecord, PlanRunOptions } from './planRunTypes';

export interface InterpretArgs {
  readonly nodes: readonly RunnableNode[];
  /** Indices that cannot run because of failures elsewhere (earlier chunks). */
  readonly blocked: readonly number[];
  readonly concurrency: number;
  readonly run: { readonly tenantId: string; readonly runId: string; readonly environmentId: string; readonly versionId: string };
  readonly options: PlanRunOptions;
  /** Every state change of a node, with its record once it is final. */
  readonly onNode: (i: number, record: NodeRunRecord) => void;
}

export interface InterpretResult {
  readonly states: readonly NodeState[];
  /** The cancellation that stopped the DAG, to rethrow once the run's state is saved; null otherwise. */
  readonly cancellation: unknown;
}

interface Settled {
  readonly i: number;
  readonly outcome: NodeOutcome;
  readonly record: NodeRunRecord;
}

export async function interpretDag(args: InterpretArgs): Promise<InterpretResult> {
  const { nodes, options } = args;
  const scheduler = new DagScheduler(nodes, { concurrency: args.concurrency, failFast: options.failFast ?? false });
  scheduler.block(args.blocked);
  // Running nodes live in a scope of their own so fail-fast can cancel them without ending the run.
  const nodesScope = new CancellationScope();
  const settled: Settled[] = [];
  const started = new Map<number, string>();
  const published: NodeState[] = nodes.map(() => 'pending');

  const publish = () => {
    scheduler.states().forEach((state, i) => {
      if (state === published[i]) return;
      published[i] = state;
      const node = nodes[i] as RunnableNode;
      if (state === 'running') args.onNode(i, blankRecord(node, 'running', started.get(i) ?? null, 1));
      else if (state === 'skipped' || state === 'upstream_failed' || state === 'not_run') args.onNode(i, blankRecord(node, state, null, 0));
    });
  };
  const start = (i: number) => {
    const node = nodes[i] as RunnableNode;
    const startedAt = new Date().toISOString();
    started.set(i, startedAt);
    const input: ExecuteNodeInput = {
      runId: args.run.runId, tenantId: args.run.tenantId, environmentId: args.run.environmentId, projectVersionId: args.run.versionId,
      nodeUuid: node.uuid, uniqueId: node.id, command: node.command, vars: node.vars, fullRefresh: node.fullRefresh,
    };
    const execute = nodeActivity(node, options);
    nodesScope.run(() => execute(input)).then(
      (out) => settled.push(fromOutput(i, node, out, startedAt)),
      (err: unknown) => settled.push(fromError(i, node, err, startedAt)),
    );
  };
  const absorb = () => {
    for (const s of settled.splice(0)) {
      // Publish the final record before the scheduler's instant changes (children marked upstream_failed).
      published[s.i] = s.outcome;
      scheduler.finish(s.i, s.outcome);
      args.onNode(s.i, s.record);
    }
  };

  try {
    for (;;) {
      for (const i of scheduler.take()) start(i);
      publish();
      if (scheduler.done) break;
      await condition(() => settled.length > 0);
      absorb();
      if ((options.failFast ?? false) && scheduler.failed && scheduler.inFlight > 0) nodesScope.cancel();
    }
    return { states: [...scheduler.states()], cancellation: null };
  } catch (err) {
    if (!isCancellation(err)) throw err;
    scheduler.stop();
    publish();
    // Wait until every running activity has confirmed its cancellation (dbt interrupted).
    await CancellationScope.nonCancellable(async () => {
      while (scheduler.inFlight > 0) {
        await condition(() => settled.length > 0);
        absorb();
      }
    });
    publish();
    return { states: [...scheduler.states()], cancellation: err };
  }
}

function blankRecord(node: RunnableNode, status: NodeState, startedAt: string | null, attempt: number): NodeRunRecord {
  return {
    uniqueId: node.id, nodeUuid: node.uuid, attempt, status, startedAt, completedAt: null, executionTime: null,
    adapterResponse: {}, message: null, errorType: null,
  };
}

function fromOutput(i: number, node: RunnableNode, out: PlanNodeOutput, startedAt: string): Settled {
  // dbt `warn` (a test at severity warn, a model with warnings) ends the run as `warning`, not failed.
  const outcome: NodeOutcome = out.status === 'warn' ? 'warning' : 'success';
  return {
    i,
    outcome,
    record: {
      uniqueId: node.id, nodeUuid: node.uuid, attempt: out.attempt ?? 1, status: outcome, startedAt,
      completedAt: new Date().toISOString(), executionTime: out.executionTime, adapterResponse: out.adapterResponse ?? {},
      message: out.message, errorType: null,
    },
  };
}

function fromError(i: number, node: RunnableNode, err: unknown, startedAt: string): Settled {
  const completedAt = new Date().toISOString();
  const base = { uniqueId: node.id, nodeUuid: node.uuid, startedAt, completedAt, adapterResponse: {}, executionTime: null };
  if (isCancellation(err)) {
    return { i, outcome: 'interrupted', record: { ...base, attempt: 1, status: 'interrupted', message: 'canceled while running', errorType: 'Canceled' } };
  }
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) {
    const details = (cause.details ?? []) as unknown[];
    const attempt = details.find((d): d is AttemptDetail => typeof (d as AttemptDetail | null)?.sluiceAttempt === 'number')?.sluiceAttempt ?? 1;
    const dbt = details.find((d): d is ExecuteNodeOutput => typeof (d as ExecuteNodeOutput | null)?.status === 'string');
    return {
      i,
      outcome: 'failed',
      record: {
        ...base, attempt, status: 'failed', message: cause.message, errorType: cause.type ?? 'Error',
        executionTime: dbt?.executionTime ?? null, adapterResponse: dbt?.adapterResponse ?? {},
      },
    };
  }
  const type = cause instanceof TimeoutFailure ? `Timeout:${cause.timeoutType}` : 'Error';
  const message = cause instanceof Error ? cause.message : String(cause);
  return { i, outcome: 'failed', record: { ...base, attempt: 1, status: 'failed', message, errorType: type } };
}
