import { useContext, useMemo, useState } from 'react';
import { Empty, ErrorState, Loading } from '../app/states';
import type { PlanResource, ProjectRef, VersionRef } from '../client/client';
import { useWorkspaceGraph } from '../client/queries';
import { LayoutServiceContext } from '../workspace/layoutContext';
import { useLayout } from '../workspace/useLayout';
import { OverlayCanvas } from './OverlayCanvas';
import { buildOverlayGraph, layoutGraphOf } from './overlayGraph';
import { OverlayLegend } from './OverlayLegend';
import { legendOf, markNodes, type NodeRunState, type OverlayMode } from './overlayMarks';

export interface PlanGraphProps {
  readonly plan: PlanResource;
  readonly projectRef: ProjectRef;
  /** The run's latest state per node (Run Detail's node lines): nodes are coloured by state, not by action. */
  readonly run?: readonly NodeRunState[];
  readonly selectedId: string | null;
  /** A planned node was clicked. */
  readonly onSelect: (uniqueId: string) => void;
}

/**
 * A plan, or a run of it, on the graph of the plan's version: the plan's nodes and the edges among
 * them, coloured by action (RUN / PARTIAL / SKIP) or by live run state, with a legend, and on demand
 * their direct neighbours outside the plan. Read-only; a click selects a node.
 */
export function PlanGraph(props: PlanGraphProps) {
  // main.tsx always provides the layout service; a page embedded without one (a test of the
  // surrounding view) draws no graph rather than failing.
  const service = useContext(LayoutServiceContext);
  return service ? <PlanGraphPanel {...props} /> : null;
}

function PlanGraphPanel({ plan, projectRef, run, selectedId, onSelect }: PlanGraphProps) {
  const mode: OverlayMode = run ? 'run' : 'plan';
  const { tenantId, projectId } = projectRef;
  const ref = useMemo<VersionRef>(() => ({ tenantId, projectId, versionId: plan.versionId }), [tenantId, projectId, plan.versionId]);
  const graph = useWorkspaceGraph(ref, null);
  const [withContext, setWithContext] = useState(false);
  const planNodes = plan.plan.nodes;
  // The structure depends on the plan, the graph and the toggle only: a polled run keeps its layout.
  const overlay = useMemo(() => (graph.data ? buildOverlayGraph(planNodes, graph.data, withContext) : null), [planNodes, graph.data, withContext]);
  const visible = useMemo(() => (overlay ? layoutGraphOf(overlay) : null), [overlay]);
  const layout = useLayout(visible);
  const drawn = layout.status === 'done' ? layout.result : layout.status === 'running' ? layout.previous : null;
  const marked = useMemo(() => (overlay ? markNodes(overlay, planNodes, run ?? null) : []), [overlay, planNodes, run]);
  const legend = useMemo(() => legendOf(marked, mode), [marked, mode]);
  const contextCount = overlay?.contextCount ?? 0;

  return (
    <section className="panel overlay-panel" aria-label={mode === 'plan' ? 'Plan graph' : 'Run graph'} data-testid={`${mode}-graph`}>
      <div className="overlay-toolbar">
        <h3>{mode === 'plan' ? 'Plan on the graph' : 'Run on the graph'}</h3>
        <OverlayLegend entries={legend} mode={mode} />
        <span className="spacer" />
        <label title="Add the direct upstream and downstream neighbours that are not in the plan, muted">
          <input type="checkbox" checked={withContext} disabled={contextCount === 0} onChange={(e) => setWithContext(e.target.checked)} /> With context ({contextCount})
        </label>
      </div>
      <div className="overlay-canvas">
        {planNodes.length === 0 ? (
          <Empty title="Nothing to draw"><p>The plan has no node.</p></Empty>
        ) : graph.isPending ? (
          <Loading what="the graph" />
        ) : graph.isError ? (
          <ErrorState error={graph.error} retry={() => void graph.refetch()} />
        ) : layout.status === 'failed' ? (
          <ErrorState error={new Error(layout.message)} />
        ) : !drawn ? (
          <Loading what="the graph layout" />
        ) : (
          <OverlayCanvas id={`${mode}-graph-${plan.id}`} nodes={marked} edges={overlay?.edges ?? []} layout={drawn} selectedId={selectedId} onSelect={onSelect} />
        )}
      </div>
    </section>
  );
}
