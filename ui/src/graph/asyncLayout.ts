import { layoutGraph } from './layout';
import { layoutKey } from './layoutInput';
import type { LayoutInput, LayoutRequest, LayoutResponse, LayoutResult } from './types';

/**
 * Runs layouts off the main thread above a size threshold, memoized on the input's deterministic
 * key, with at most one live worker. The worker is kept between requests (warm: elkjs's JIT and its
 * loaded code stay), and a new request terminates it only while an older request is still running
 * there (that answer would be stale anyway); the older promise rejects with LayoutCanceled.
 */

/** Below this many nodes the layout runs on the main thread: a worker's start-up costs more. */
export const WORKER_THRESHOLD = 150;
const CACHE_SIZE = 8;

export class LayoutCanceled extends Error {
  constructor() {
    super('layout canceled by a newer request');
    this.name = 'LayoutCanceled';
  }
}

export type WorkerFactory = () => Worker;

interface Pending {
  readonly worker: Worker;
  readonly reject: (err: Error) => void;
}

export interface AsyncLayout {
  layout(input: LayoutInput): Promise<LayoutResult>;
  /** Time the last worker layout took inside the worker (ms), for the benchmark and the status bar. */
  lastElapsedMs(): number | null;
  dispose(): void;
}

export function createAsyncLayout(createWorker: WorkerFactory, threshold = WORKER_THRESHOLD): AsyncLayout {
  const cache = new Map<string, LayoutResult>();
  let pending: Pending | null = null;
  let idle: Worker | null = null;
  let nextId = 1;
  let elapsed: number | null = null;

  const remember = (result: LayoutResult): LayoutResult => {
    cache.delete(result.key);
    cache.set(result.key, result);
    while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return result;
  };

  const cancelPending = (): void => {
    if (!pending) return;
    pending.worker.terminate();
    pending.reject(new LayoutCanceled());
    pending = null;
  };

  const takeWorker = (): Worker => {
    const worker = idle ?? createWorker();
    idle = null;
    return worker;
  };

  return {
    async layout(input) {
      const key = layoutKey(input);
      const hit = cache.get(key);
      if (hit) return hit;
      cancelPending();
      if (input.nodes.length < threshold) return remember(await layoutGraph(input));
      const worker = takeWorker();
      const requestId = nextId++;
      return new Promise<LayoutResult>((resolve, reject) => {
        pending = { worker, reject };
        worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
          const response = event.data;
          if (response.requestId !== requestId) return;
          if (pending?.worker === worker) pending = null;
          idle = worker;
          switch (response.type) {
            case 'done':
              elapsed = response.elapsedMs;
              resolve(remember(response.result));
              return;
            case 'failed':
              reject(new Error(`layout failed: ${response.message}`));
              return;
            default: {
              const unreachable: never = response;
              throw new Error(`unknown layout response ${JSON.stringify(unreachable)}`);
            }
          }
        };
        worker.onerror = (event) => {
          worker.terminate();
          if (idle === worker) idle = null;
          if (pending?.worker === worker) pending = null;
          reject(new Error(`layout worker crashed: ${event.message}`));
        };
        const request: LayoutRequest = { type: 'layout', requestId, input };
        worker.postMessage(request);
      });
    },
    lastElapsedMs: () => elapsed,
    dispose() {
      cancelPending();
      idle?.terminate();
      idle = null;
    },
  };
}

