import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { TemporalConfig } from './config';

/**
 * Where the worker gets its workflow code: bundled from source at start (dev and tests), or a
 * bundle built ahead of time by `scripts/build-workflows.ts` (production).
 */
export type WorkflowCode = { readonly kind: 'source' } | { readonly kind: 'bundle'; readonly codePath: string };

export interface SluiceWorkerOptions {
  readonly config: TemporalConfig;
  readonly activities: object;
  readonly workflowCode: WorkflowCode;
  readonly identity?: string;
  readonly maxConcurrentActivityTaskExecutions?: number;
  /**
   * Longest gap between two heartbeats sent to the server (default 2 s). A run's cancel reaches a
   * node's activity only with a heartbeat response, so this bounds how long dbt keeps running after
   * a cancel (the SDK's own default is 0.8 × the heartbeat timeout, up to 60 s).
   */
  readonly maxHeartbeatThrottleIntervalMs?: number;
}

export interface SluiceWorker {
  readonly worker: Worker;
  /** Resolves when the worker has stopped (after shutdown or a fatal error). */
  readonly running: Promise<void>;
  shutdown(): Promise<void>;
}

/** The one entry file that exports every workflow; the worker loads it (STYLE.md). */
export const workflowsEntry = require.resolve('../workflows');

export async function startSluiceWorker(options: SluiceWorkerOptions): Promise<SluiceWorker> {
  const connection = await NativeConnection.connect({ address: options.config.address });
  const workflowOptions: Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'> =
    options.workflowCode.kind === 'bundle'
      ? { workflowBundle: { codePath: options.workflowCode.codePath } }
      : { workflowsPath: workflowsEntry };
  const worker = await Worker.create({
    connection,
    namespace: options.config.namespace,
    taskQueue: options.config.taskQueue,
    activities: options.activities,
    ...workflowOptions,
    maxHeartbeatThrottleInterval: options.maxHeartbeatThrottleIntervalMs ?? 2000,
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.maxConcurrentActivityTaskExecutions
      ? { maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions }
      : {}),
  });
  const running = worker.run().finally(() => connection.close());
  return {
    worker,
    running,
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
