// The `executeNode` activity: one dbt node on the warm runner pool. Heartbeats while dbt runs,
// turns Temporal cancellation into an interrupt (SIGINT to the runner's process group, so the
// warehouse query stops), and classifies failures into ApplicationFailure types.
import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import {
  type DbtCommand, type NodeRunResult, type ProfileSpec, type RunnerLogEvent, type RunnerPool, RunnerError,
} from '../adapters/runner';
import { classifyNodeFailure } from './node/classifyNodeFailure';

export interface ExecuteNodeInput {
  readonly runId: string;
  readonly tenantId: string;
  readonly environmentId: string;
  readonly projectVersionId: string;
  readonly nodeUuid: string;
  /** dbt unique_id, also the activity id. */
  readonly uniqueId: string;
  readonly command: DbtCommand;
  readonly vars?: Readonly<Record<string, unknown>>;
  readonly fullRefresh?: boolean;
}

/** Where and how to run: resolved at call time so secrets never enter workflow history. */
export interface NodeEnvironment {
  readonly projectDir: string;
  readonly target: string;
  readonly profile: ProfileSpec;
  readonly env?: Readonly<Record<string, string>>;
  readonly secretEnv?: Readonly<Record<string, string>>;
}

export interface ExecuteNodeDeps {
  readonly runnerPool: Pick<RunnerPool, 'runNode'>;
  readonly resolveNodeEnvironment: (input: ExecuteNodeInput) => Promise<NodeEnvironment>;
  /** Receives every (already redacted) dbt log event, e.g. to publish it on the bus. */
  readonly onLog?: (input: ExecuteNodeInput, event: RunnerLogEvent) => void;
  readonly heartbeatIntervalMs?: number;
}

/** What goes into workflow history: dbt's result without logs and SQL text (kept small). */
export type ExecuteNodeOutput = Omit<NodeRunResult, 'logs' | 'compiledCode'> & { readonly logCount: number };

export function createExecuteNode(deps: ExecuteNodeDeps) {
  const interval = deps.heartbeatIntervalMs ?? 5_000;
  return async function executeNode(input: ExecuteNodeInput): Promise<ExecuteNodeOutput> {
    const ctx = Context.current();
    const environment = await deps.resolveNodeEnvironment(input);
    const started = Date.now();
    let events = 0;
    const beat = () => ctx.heartbeat({ uniqueId: input.uniqueId, elapsedMs: Date.now() - started, events });
    beat();
    const timer = setInterval(beat, interval);
    let result: NodeRunResult;
    try {
      result = await deps.runnerPool.runNode(
        {
          projectDir: environment.projectDir,
          projectVersion: input.projectVersionId,
          target: environment.target,
          profile: environment.profile,
          uniqueId: input.uniqueId,
          command: input.command,
          query: { runId: input.runId, nodeUuid: input.nodeUuid, tenant: input.tenantId, environment: input.environmentId },
          vars: { ...input.vars },
          fullRefresh: input.fullRefresh ?? false,
          env: { ...environment.env },
          secretEnv: { ...environment.secretEnv },
        },
        {
          signal: ctx.cancellationSignal,
          onLog: (event) => {
            events += 1;
            deps.onLog?.(input, event);
          },
        },
      );
    } catch (e) {
      if (e instanceof RunnerError) throw toFailure(e.kind, e.message, input.uniqueId);
      throw e;
    } finally {
      clearInterval(timer);
    }
    const { logs, compiledCode: _sql, ...rest } = result;
    const output: ExecuteNodeOutput = { ...rest, logCount: logs.length };
    switch (result.status) {
      case 'success':
      case 'pass':
      case 'warn':
      case 'skipped':
        return output;
      case 'canceled':
        if (ctx.cancellationSignal.aborted) throw new CancelledFailure(`dbt node ${input.uniqueId} canceled`, [output]);
        throw toFailure('canceled', result.message ?? 'canceled', input.uniqueId, output);
      case 'error':
      case 'runtime error':
      case 'fail':
        throw toFailure(result.error?.kind ?? (result.status === 'fail' ? 'test_failure' : 'runtime'), result.message ?? result.status, input.uniqueId, output);
      default: {
        const unreachable: never = result.status;
        throw new Error(`unknown node status ${String(unreachable)}`);
      }
    }
  };
}

function toFailure(kind: Parameters<typeof classifyNodeFailure>[0], message: string, uniqueId: string, details?: ExecuteNodeOutput): ApplicationFailure {
  const { type, retryable } = classifyNodeFailure(kind);
  return ApplicationFailure.create({
    type,
    nonRetryable: !retryable,
    message: `${uniqueId}: ${message}`,
    ...(details ? { details: [details] } : {}),
  });
}
