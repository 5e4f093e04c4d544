import type { Viewport } from '@xyflow/react';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { VersionRef } from '../client/client';
import type { LayoutResult } from '../graph/types';
import { ErrorState, Loading } from '../app/states';
import { NodePanel } from '../workspace/NodePanel';
import { viewportForLayout, type LayoutFit } from '../workspace/fitLayout';
import { useLayout } from '../workspace/useLayout';
import { defaultFilter, filterUnion, layoutGraphOf, type DiffFilter, type DiffPane as Pane, type UnionGraph } from './diffGraph';
import { DIFF_MAX_ZOOM, DIFF_MIN_ZOOM, DiffPane } from './DiffPane';

export interface DiffSide {
  readonly ref: VersionRef;
  /** How the pane names its version (date, git sha, node count). */
  readonly title: string;
}

export interface DiffCanvasProps {
  readonly union: UnionGraph;
  readonly base: DiffSide;
  readonly head: DiffSide;
}

const START: Viewport = { x: 0, y: 0, zoom: 1 };
/** The whole union layout in a pane, never zoomed in past 1. */
const FIT: LayoutFit = { minZoom: DIFF_MIN_ZOOM, maxZoom: Math.min(1, DIFF_MAX_ZOOM), padding: 0.08, fallback: { width: 600, height: 480 } };

/**
 * The two panes side by side over one union layout (a node sits at the same place in both), one
 * shared viewport (pan or zoom either, the other follows), the filters, and the node panel of the
 * version whose pane was clicked.
 */
export function DiffCanvas({ union, base, head }: DiffCanvasProps) {
  const [filter, setFilter] = useState<DiffFilter>(() => defaultFilter(union));
  const shown = useMemo(() => filterUnion(union, filter), [union, filter]);
  const visible = useMemo(() => layoutGraphOf(shown), [shown]);
  const layout = useLayout(visible);
  const done = layout.status === 'done' ? layout.result : null;
  const drawn = done ?? (layout.status === 'running' ? layout.previous : null);

  const [viewport, setViewport] = useState<Viewport>(START);
  const panes = useRef<HTMLDivElement>(null);
  const fit = useCallback((result: LayoutResult) => {
    const flow = panes.current?.querySelector('.diff-pane-flow');
    setViewport(viewportForLayout(result, { width: flow?.clientWidth ?? 0, height: flow?.clientHeight ?? 0 }, FIT));
  }, []);
  // A new layout (first load, a filter toggled) moves everything: show all of it again.
  useLayoutEffect(() => {
    if (done) fit(done);
  }, [done, fit]);

  const [open, setOpen] = useState<{ readonly pane: Pane; readonly id: string } | null>(null);
  const onOpenNode = useCallback((pane: Pane, id: string) => setOpen({ pane, id }), []);
  const big = union.nodes.length > 0 && defaultFilter(union).changedOnly;

  return (
    <section className="diff-graph" aria-label="Diff graph">
      <div className="diff-toolbar" role="toolbar" aria-label="Diff graph options">
        <label title="Changed and impacted nodes and their direct neighbours">
          <input type="checkbox" checked={filter.changedOnly} onChange={(e) => setFilter({ ...filter, changedOnly: e.target.checked })} /> Changed only
        </label>
        <label title="Draw nodes that neither changed nor are impacted, muted">
          <input type="checkbox" checked={filter.showUnchanged} onChange={(e) => setFilter({ ...filter, showUnchanged: e.target.checked })} /> Show unchanged
        </label>
        <button type="button" onClick={() => (drawn ? fit(drawn) : undefined)} disabled={!drawn}>Fit</button>
        <span className="muted small" data-testid="diff-shown">
          {shown.nodes.length} of {union.nodes.length} nodes
          {big ? ' · a big project: starts in "changed only"' : ''}
          {layout.status === 'running' && drawn ? ' · laying out…' : ''}
        </span>
      </div>
      <div className="diff-canvas">
        {layout.status === 'failed' ? (
          <ErrorState error={new Error(layout.message)} />
        ) : !drawn ? (
          <Loading what="the diff layout" />
        ) : (
          <div className="diff-panes" ref={panes}>
            {(['base', 'head'] as const).map((pane) => (
              <DiffPane
                key={pane}
                pane={pane}
                title={(pane === 'base' ? base : head).title}
                union={shown}
                layout={drawn}
                viewport={viewport}
                onViewportChange={setViewport}
                openId={open?.pane === pane ? open.id : null}
                onOpenNode={onOpenNode}
              />
            ))}
          </div>
        )}
        {open ? (
          <div className="diff-side" data-testid="diff-side" data-pane={open.pane}>
            <div className="diff-side-version small">
              {open.pane === 'base' ? 'Base' : 'Head'} version · {(open.pane === 'base' ? base : head).title}
            </div>
            <NodePanel
              versionRef={open.pane === 'base' ? base.ref : head.ref}
              uniqueId={open.id}
              onClose={() => setOpen(null)}
              onOpenNode={(id) => setOpen({ pane: open.pane, id })}
            />
          </div>
        ) : null}
      </div>
    </section>
  );
}
