import { Background, Controls, MiniMap, ReactFlow, type Edge, type ReactFlowInstance } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { LayoutResult } from '../graph/types';
import { NODE_SIZE } from '../graph/layoutInput';
import { viewportForLayout, type LayoutFit } from '../workspace/fitLayout';
import type { OverlayEdge } from './overlayGraph';
import type { MarkedNode } from './overlayMarks';
import { flowDataOf, OVERLAY_NODE_TYPES, sameFlowData, type OverlayFlowNode } from './OverlayNode';

/** Above this many drawn nodes: straight edges and no minimap (as the Graph workspace does). */
export const SIMPLE_OVERLAY_NODES = 1_000;
const MIN_ZOOM = 0.02;
/** A fit never zooms in past 1: a plan of one node is not drawn at twice its size. */
const FIT: LayoutFit = { minZoom: MIN_ZOOM, maxZoom: 1, padding: 0.08, fallback: { width: 800, height: 400 } };
const FIT_VIEW = { maxZoom: FIT.maxZoom, padding: FIT.padding } as const;

export interface OverlayCanvasProps {
  /** Tells React Flow instances apart on a page (edge markers). */
  readonly id: string;
  readonly nodes: readonly MarkedNode[];
  readonly edges: readonly OverlayEdge[];
  readonly layout: LayoutResult;
  readonly selectedId: string | null;
  /** Called with a planned node's unique_id when it is clicked (context nodes are not selectable). */
  readonly onSelect: (uniqueId: string) => void;
}

const edgeClass = (e: OverlayEdge): string => `oedge-${e.kind}`;

/** The read-only React Flow canvas: nodes at the layout's positions, fitted to the whole layout on first render and on a new layout. */
export function OverlayCanvas({ id, nodes, edges, layout, selectedId, onSelect }: OverlayCanvasProps) {
  const simple = nodes.length > SIMPLE_OVERLAY_NODES;
  const previous = useRef(new Map<string, OverlayFlowNode>());
  const flowNodes = useMemo(() => {
    const next = new Map<string, OverlayFlowNode>();
    const out: OverlayFlowNode[] = [];
    for (const n of nodes) {
      const position = layout.positions[n.id];
      if (!position) continue;
      const data = flowDataOf(n, n.id === selectedId);
      const old = previous.current.get(n.id);
      const node: OverlayFlowNode = old && old.position === position && sameFlowData(old.data, data)
        ? old
        : { id: n.id, type: 'overlay', position, ...NODE_SIZE, data, ariaLabel: `${n.label}: ${data.mark.replace(/_/g, ' ')}` };
      next.set(n.id, node);
      out.push(node);
    }
    previous.current = next;
    return out;
  }, [nodes, layout, selectedId]);

  const flowEdges = useMemo<Edge[]>(
    () => edges.map((e) => ({ id: `${e.from}->${e.to}`, source: e.from, target: e.to, type: simple ? 'straight' : 'default', className: edgeClass(e), focusable: false })),
    [edges, simple],
  );

  // Bounds, not nodes: React Flow need not have measured anything to show the whole layout.
  const instance = useRef<ReactFlowInstance<OverlayFlowNode> | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const fit = useCallback((duration: number) => {
    const size = { width: box.current?.clientWidth ?? 0, height: box.current?.clientHeight ?? 0 };
    void instance.current?.setViewport(viewportForLayout({ width: layout.width, height: layout.height }, size, FIT), { duration });
  }, [layout.width, layout.height]);
  const fitted = useRef(layout.key);
  useEffect(() => {
    if (layout.key === fitted.current) return;
    fitted.current = layout.key;
    const frame = requestAnimationFrame(() => fit(200));
    return () => cancelAnimationFrame(frame);
  }, [layout.key, fit]);

  return (
    <ReactFlow<OverlayFlowNode>
      ref={box}
      id={id}
      nodes={flowNodes}
      edges={flowEdges}
      nodeTypes={OVERLAY_NODE_TYPES}
      onInit={(i) => {
        instance.current = i;
        fit(0);
      }}
      onNodeClick={(_, node) => (node.data.role === 'planned' ? onSelect(node.id) : undefined)}
      minZoom={MIN_ZOOM}
      maxZoom={2}
      onlyRenderVisibleElements
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={24} size={1} />
      <Controls showInteractive={false} fitViewOptions={FIT_VIEW} />
      {simple ? null : <MiniMap<OverlayFlowNode> pannable zoomable nodeStrokeWidth={2} nodeClassName={(n) => `om-${n.data.mark}`} />}
    </ReactFlow>
  );
}
