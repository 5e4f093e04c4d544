import type { CanvasEventStore } from '../canvas/eventStore';
import type { CanvasAction, CanvasEvent } from '../canvas/reducer';
import { ApiError, appendCanvasEdits, canvasStep, listCanvasEvents, type CanvasEdit } from './client';

/**
 * Canvas events kept by the API (…/projects/{id}/canvas): the server folds the same actions, per
 * the caller (it knows who the user is, so the scope's userId is not sent). Appends go out one at a
 * time, in order, so an undo never overtakes the edit it undoes.
 */
export function createApiCanvasStore(): CanvasEventStore {
  let queue: Promise<unknown> = Promise.resolve();
  let nextSeq = 1;
  return {
    async load(scope) {
      const stored = await listCanvasEvents(scope.tenantId, scope.projectId);
      nextSeq = (stored[stored.length - 1]?.seq ?? 0) + 1;
      const payload = (p: unknown): Record<string, unknown> => (p !== null && typeof p === 'object' ? (p as Record<string, unknown>) : {});
      return stored.map((e) => ({ seq: e.seq, action: { ...payload(e.payload), type: e.type } as CanvasAction }));
    },
    append(scope, action) {
      const event: CanvasEvent = { seq: nextSeq++, action };
      const send = async (): Promise<unknown> => {
        if (action.type === 'undo' || action.type === 'redo') {
          // 409: the server has nothing to undo/redo either; the canvases agree.
          return canvasStep(scope.tenantId, scope.projectId, action.type).catch((err: unknown) => {
            if (!(err instanceof ApiError && err.status === 409)) throw err;
          });
        }
        return appendCanvasEdits(scope.tenantId, scope.projectId, [action as CanvasEdit]);
      };
      const sent = queue.then(send);
      queue = sent.catch(() => undefined);
      return sent.then(() => event);
    },
  };
}
