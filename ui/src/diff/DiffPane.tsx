import { Background, Controls, ReactFlow, type Edge, type Viewport } from '@xyflow/react';
import { useMemo } from 'react';
import type { LayoutResult } from '../graph/types';
import { paneOf, type DiffPane as Pane, type UnionGraph } from './diffGraph';
import { DIFF_NODE_TYPES, type DiffFlowNode } from './DiffNode';

export const DIFF_MIN_ZOOM = 0.02;
export const DIFF_MAX_ZOOM = 2;
/** Above this many nodes in a pane, straight edges (as the Graph workspace does above 1,000). */
const STRAIGHT_EDGES_ABOVE = 1_000;

export interface DiffPaneProps {
  readonly pane: Pane;
  readonly title: string;
  /** The union as drawn (already filtered); the pane takes its own version's part. */
  readonly union: UnionGraph;
  readonly layout: LayoutResult;
  /** Shared by both panes: moving one moves the other. */
  readonly viewport: Viewport;
  readonly onViewportChange: (viewport: Viewport) => void;
  readonly openId: string | null;
  readonly onOpenNode: (pane: Pane, uniqueId: string) => void;
}

/** One version's side of the Diff: its nodes at the union's positions, its edges, marks by status. */
export function DiffPane({ pane, title, union, layout, viewport, onViewportChange, openId, onOpenNode }: DiffPaneProps) {
  const drawn = useMemo(() => paneOf(union, pane), [union, pane]);
  const simple = drawn.nodes.length > STRAIGHT_EDGES_ABOVE;

  const nodes = useMemo<DiffFlowNode[]>(() => {
    const out: DiffFlowNode[] = [];
    for (const n of drawn.nodes) {
      const position = layout.positions[n.id];
      if (!position) continue;
      out.push({
        id: n.id, type: 'diffnode', position,
        data: { uniqueId: n.id, label: n.label, kind: n.kind, pane, status: n.status, changes: n.changes, impacts: n.impacts, open: n.id === openId },
      });
    }
    return out;
  }, [drawn, layout, pane, openId]);

  const edges = useMemo<Edge[]>(
    () => drawn.edges.map((e) => ({
      id: `${e.from}->${e.to}`,
      source: e.from,
      target: e.to,
      type: simple ? 'straight' : 'default',
      className: `dedge-${e.status}${e.muted ? ' dedge-muted' : ''}`,
      focusable: false,
    })),
    [drawn, simple],
  );

  return (
    <section className={`diff-pane diff-pane-${pane}`} aria-label={pane === 'base' ? 'Base version graph' : 'Head version graph'} data-testid={`diff-pane-${pane}`}>
      <div className="diff-pane-title">
        <strong>{pane === 'base' ? 'Base' : 'Head'}</strong> <span className="muted small">{title} · {drawn.nodes.length} drawn</span>
      </div>
      <div className="diff-pane-flow">
        <ReactFlow<DiffFlowNode>
          id={`diff-${pane}`}
          nodes={nodes}
          edges={edges}
          nodeTypes={DIFF_NODE_TYPES}
          viewport={viewport}
          onViewportChange={onViewportChange}
          onNodeClick={(_, node) => onOpenNode(pane, node.id)}
          minZoom={DIFF_MIN_ZOOM}
          maxZoom={DIFF_MAX_ZOOM}
          onlyRenderVisibleElements
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={24} size={1} />
          <Controls showInteractive={false} showFitView={false} />
        </ReactFlow>
      </div>
    </section>
  );
}
