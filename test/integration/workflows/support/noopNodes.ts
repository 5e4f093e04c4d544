// A real, small node activity for tests where dbt is not the point: it does nothing, sleeps, warns
// or fails as told, heartbeating and honouring cancellation like executeNode does.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ExecuteNodeInput, ExecuteNodeOutput } from '../../../../activities/executeNode';

export type NoopBehaviour = 'success' | 'warn' | 'fail' | 'compile_error' | 'transient_once' | { readonly sleepMs: number };

export function noopExecuteNode(behaviour: (uniqueId: string) => NoopBehaviour = () => 'success', calls?: string[]) {
  return async function executeNode(input: ExecuteNodeInput): Promise<ExecuteNodeOutput> {
    const ctx = Context.current();
    calls?.push(`${input.uniqueId}#${ctx.info.attempt}`);
    const b = behaviour(input.uniqueId);
    const output = (status: ExecuteNodeOutput['status']): ExecuteNodeOutput => ({
      uniqueId: input.uniqueId, status, executionTime: 0, timing: [], adapterResponse: { noop: true }, message: status, failures: null,
      compiledPath: null, error: null, wallMs: 0, cacheHit: true, runnerPid: process.pid, logCount: 0,
    });
    if (typeof b === 'object') {
      const until = Date.now() + b.sleepMs;
      while (Date.now() < until) {
        ctx.heartbeat();
        await ctx.sleep(Math.min(200, until - Date.now()));
      }
      return output('success');
    }
    switch (b) {
      case 'success':
        return output('success');
      case 'warn':
        return output('warn');
      case 'fail':
        throw ApplicationFailure.create({ type: 'DbtTestFailure', nonRetryable: true, message: `${input.uniqueId}: 3 failing rows`, details: [output('fail')] });
      case 'compile_error':
        throw ApplicationFailure.create({ type: 'DbtCompilationError', nonRetryable: true, message: `${input.uniqueId}: compilation error` });
      case 'transient_once':
        if (ctx.info.attempt === 1) throw ApplicationFailure.create({ type: 'WarehouseTransientError', message: 'deadlock detected' });
        return output('success');
      default: {
        const unreachable: never = b;
        throw new Error(String(unreachable));
      }
    }
  };
}
