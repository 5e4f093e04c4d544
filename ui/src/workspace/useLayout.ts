import { useEffect, useMemo, useState } from 'react';
import { LayoutCanceled } from '../graph/asyncLayout';
import type { VisibleGraph } from '../graph/collapse';
import { layoutInputOf } from '../graph/layoutInput';
import type { LayoutResult } from '../graph/types';
import { useLayoutService } from './layoutContext';

export type LayoutState =
  | { readonly status: 'running'; readonly previous: LayoutResult | null }
  | { readonly status: 'done'; readonly result: LayoutResult; readonly ms: number }
  | { readonly status: 'failed'; readonly message: string };

/** Lays out the visible graph (in the worker when big); keeps the previous layout on screen meanwhile. */
export function useLayout(visible: VisibleGraph | null): LayoutState {
  const input = useMemo(() => (visible ? layoutInputOf(visible) : null), [visible]);
  const service = useLayoutService();
  const [state, setState] = useState<LayoutState>({ status: 'running', previous: null });
  useEffect(() => {
    if (!input) return;
    let live = true;
    const started = performance.now();
    setState((s) => ({ status: 'running', previous: s.status === 'done' ? s.result : s.status === 'running' ? s.previous : null }));
    service
      .layout(input)
      .then(
        (result) => live && setState({ status: 'done', result, ms: performance.now() - started }),
        (err: unknown) => {
          if (!live || err instanceof LayoutCanceled) return;
          setState({ status: 'failed', message: err instanceof Error ? err.message : String(err) });
        },
      );
    return () => {
      live = false;
    };
  }, [input, service]);
  return state;
}
