import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createLocalCanvasStore, type CanvasEventStore, type CanvasScope } from '../canvas/eventStore';
import { initialHistory, reduceCanvas, replayCanvas, type CanvasAction, type CanvasHistory } from '../canvas/reducer';

export interface CanvasControls {
  readonly history: CanvasHistory;
  /** False until the saved events have been replayed. */
  readonly loaded: boolean;
  dispatch(action: CanvasAction): void;
}

let defaultStore: CanvasEventStore | null = null;
const localStore = (): CanvasEventStore => (defaultStore ??= createLocalCanvasStore(window.localStorage));

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The canvas of one user on one project: replays the saved events, appends each new action to the
 * event store, and binds Ctrl+Z (undo) and Ctrl+Shift+Z / Ctrl+Y (redo), also ⌘ on macOS.
 */
export function useCanvas(scope: CanvasScope | null, store: CanvasEventStore | null = null): CanvasControls {
  const events = useMemo(() => store ?? (typeof window === 'undefined' ? null : localStore()), [store]);
  const [history, setHistory] = useState<CanvasHistory>(initialHistory);
  const [loaded, setLoaded] = useState(false);
  // Actions taken before the saved log finished loading are applied on top of it, not lost.
  const early = useRef<CanvasAction[] | null>([]);
  const scopeKey = scope ? `${scope.tenantId}/${scope.projectId}/${scope.userId}` : null;

  useEffect(() => {
    setHistory(initialHistory());
    setLoaded(false);
    early.current = [];
    if (!scope || !events) return;
    let live = true;
    const finish = (saved: Parameters<typeof replayCanvas>[0]): void => {
      if (!live) return;
      const pending = early.current ?? [];
      early.current = null;
      setHistory(pending.reduce(reduceCanvas, replayCanvas(saved)));
      setLoaded(true);
    };
    events.load(scope).then(finish, () => finish([]));
    return () => {
      live = false;
    };
    // scopeKey names the scope; the object itself changes identity on every render.
  }, [scopeKey, events]);

  const current = useRef(history);
  current.current = history;
  const dispatch = useCallback(
    (action: CanvasAction) => {
      // No-ops (undo with nothing to undo, expanding nothing) change nothing and are not saved.
      const next = reduceCanvas(current.current, action);
      if (next === current.current) return;
      current.current = next;
      setHistory(next);
      early.current?.push(action);
      if (scope && events) events.append(scope, action).catch(() => undefined);
    },
    [scopeKey, events],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) dispatch({ type: 'undo' });
      else if ((key === 'z' && e.shiftKey) || key === 'y') dispatch({ type: 'redo' });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);

  return { history, loaded, dispatch };
}
