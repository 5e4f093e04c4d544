/// <reference lib="webworker" />
import { layoutGraph } from './layout';
import type { LayoutRequest, LayoutResponse } from './types';

// The layout worker: one request in, one response out; it holds no state between requests.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const request = event.data;
  const started = performance.now();
  layoutGraph(request.input).then(
    (result) => reply({ type: 'done', requestId: request.requestId, result, elapsedMs: performance.now() - started }),
    (err: unknown) => reply({ type: 'failed', requestId: request.requestId, message: err instanceof Error ? err.message : String(err) }),
  );
};

function reply(response: LayoutResponse): void {
  scope.postMessage(response);
}
