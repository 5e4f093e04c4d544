import { type FailureKind } from '../../adapters/runner';

export interface NodeFailureClass {
  /** Stable ApplicationFailure type the workflow and the UI can switch on. */
  readonly type: string;
  readonly retryable: boolean;
}

/** Maps a runner failure kind to an ApplicationFailure type and whether Temporal may retry it. */
export function classifyNodeFailure(kind: FailureKind): NodeFailureClass {
  switch (kind) {
    case 'compilation':
      return { type: 'DbtCompilationError', retryable: false };
    case 'test_failure':
      return { type: 'DbtTestFailure', retryable: false };
    case 'database':
      // The warehouse rejected the SQL (missing relation, bad cast): the same SQL fails again.
      return { type: 'DbtDatabaseError', retryable: false };
    case 'runtime':
      return { type: 'DbtRuntimeError', retryable: false };
    case 'configuration':
      return { type: 'DbtConfigurationError', retryable: false };
    case 'protocol':
      return { type: 'RunnerProtocolError', retryable: false };
    case 'connection':
      return { type: 'WarehouseConnectionError', retryable: true };
    case 'transient':
      // Lock conflicts, deadlocks, throttling: the next attempt usually succeeds.
      return { type: 'WarehouseTransientError', retryable: true };
    case 'internal':
      return { type: 'RunnerInternalError', retryable: true };
    case 'runner_crashed':
      return { type: 'RunnerCrashed', retryable: true };
    case 'runner_timeout':
      return { type: 'RunnerTimeout', retryable: true };
    case 'canceled':
      // Canceled without Temporal asking (an operator's interrupt): let the retry policy decide.
      return { type: 'NodeCanceled', retryable: true };
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown failure kind ${String(unreachable)}`);
    }
  }
}
