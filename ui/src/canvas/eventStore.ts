import type { CanvasAction, CanvasEvent } from './reducer';

/**
 * Where a user's canvas events for a project are kept. The API has no canvas endpoint yet, so the
 * app uses the browser's localStorage; a server implementation only has to meet this interface.
 */
export interface CanvasScope {
  readonly tenantId: string;
  readonly projectId: string;
  readonly userId: string;
}

export interface CanvasEventStore {
  load(scope: CanvasScope): Promise<CanvasEvent[]>;
  append(scope: CanvasScope, action: CanvasAction): Promise<CanvasEvent>;
}

const storageKey = (s: CanvasScope): string => `sluice.canvas.v1/${s.tenantId}/${s.projectId}/${s.userId}`;

export function createLocalCanvasStore(storage: Pick<Storage, 'getItem' | 'setItem'>): CanvasEventStore {
  const read = (scope: CanvasScope): CanvasEvent[] => {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(storageKey(scope)) ?? '[]');
      return Array.isArray(parsed) ? (parsed as CanvasEvent[]) : [];
    } catch {
      return [];
    }
  };
  return {
    async load(scope) {
      return read(scope);
    },
    async append(scope, action) {
      const events = read(scope);
      const event: CanvasEvent = { seq: (events[events.length - 1]?.seq ?? 0) + 1, action };
      events.push(event);
      storage.setItem(storageKey(scope), JSON.stringify(events));
      return event;
    },
  };
}
