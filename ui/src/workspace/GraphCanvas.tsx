import {
  applyNodeChanges, Background, Controls, MiniMap, ReactFlow, useReactFlow, useStore, type Edge, type NodeChange, type ReactFlowInstance, type Viewport,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CanvasAction, CanvasState } from '../canvas/reducer';
import type { VisibleGraph } from '../graph/collapse';
import { highlightOf, type SelectionResult } from '../graph/selection';
import type { LayoutResult } from '../graph/types';
import type { WorkspaceGraph } from '../graph/model';
import { NODE_TYPES, type DbtFlowNode, type GroupFlowNode } from './FlowNodes';

type FlowNode = DbtFlowNode | GroupFlowNode;

/** Above this many drawn nodes the canvas uses straight edges and drops the minimap and element selection. */
export const SIMPLE_RENDERING_NODES = 1_000;
/** Below this zoom a big graph is drawn as plain boxes (no text, borders or shadows): labels are unreadable there anyway. */
export const LOW_DETAIL_ZOOM = 0.4;

export interface GraphCanvasProps {
  readonly graph: WorkspaceGraph;
  readonly visible: VisibleGraph;
  readonly layout: LayoutResult;
  readonly canvas: CanvasState;
  readonly selection: SelectionResult;
  readonly focusedId: string | null;
  readonly dispatch: (action: CanvasAction) => void;
  readonly onOpenNode: (uniqueId: string) => void;
  /** Called once with the React Flow instance (the workspace uses it to centre search hits). */
  readonly onReady?: (instance: ReactFlowInstance<FlowNode>) => void;
}

type NodeInputs = Pick<GraphCanvasProps, 'graph' | 'visible' | 'layout' | 'selection' | 'focusedId'> & { readonly positions: CanvasState['positions'] };

function buildNodes({ graph, visible, layout, positions, selection, focusedId }: NodeInputs): FlowNode[] {
  const out: FlowNode[] = [];
  for (const v of visible.nodes) {
    const position = positions[v.id] ?? layout.positions[v.id];
    if (!position) continue;
    if (v.type === 'group') {
      const selectedCount = selection.kind === 'selected' ? v.members.filter((m) => selection.ids.has(m)).length : 0;
      const highlight = selection.kind !== 'selected' ? 'normal' : selectedCount > 0 ? 'selected' : 'dimmed';
      out.push({ id: v.id, type: 'dbtgroup', position, data: { label: v.label, groupKey: v.groupKey, size: v.members.length, selectedCount, highlight } });
    } else {
      const kind = graph.nodes.get(v.id)?.kind ?? 'model';
      out.push({ id: v.id, type: 'dbt', position, data: { label: v.label, kind, uniqueId: v.id, highlight: highlightOf(selection, v.id), focused: v.id === focusedId } });
    }
  }
  return out;
}

/** The React Flow canvas: layout positions overridden by the user's moves, selection shown by dimming the rest. */
export function GraphCanvas(props: GraphCanvasProps) {
  const { graph, visible, layout, canvas, selection, focusedId, dispatch, onOpenNode, onReady } = props;
  // Positions are all of the canvas the nodes depend on: a viewport change must not rebuild 5,000 nodes.
  const positions = canvas.positions;
  const derived = useMemo(
    () => buildNodes({ graph, visible, layout, positions, selection, focusedId }),
    [graph, visible, layout, positions, selection, focusedId],
  );
  const [nodes, setNodes] = useState<FlowNode[]>(derived);
  useEffect(() => setNodes(derived), [derived]);
  const simple = visible.nodes.length > SIMPLE_RENDERING_NODES;
  // A boolean selector: re-renders only when the zoom crosses the threshold, not on every frame.
  const zoomedOut = useStore((s) => s.transform[2] < LOW_DETAIL_ZOOM);

  const edges = useMemo<Edge[]>(() => {
    const lit = selection.kind === 'selected' ? selection.ids : null;
    return visible.edges.map((e) => ({
      id: `${e.from}->${e.to}`,
      source: e.from,
      target: e.to,
      type: simple ? 'straight' : 'default',
      className: lit && lit.has(e.from) && lit.has(e.to) ? 'edge-selected' : lit ? 'edge-dimmed' : undefined,
      focusable: false,
    }));
  }, [visible.edges, selection, simple]);

  // A new layout (groups collapsed or expanded) moves everything: show all of it again.
  const { fitView } = useReactFlow();
  const firstLayout = useRef(layout.key);
  useEffect(() => {
    if (layout.key === firstLayout.current) return;
    const frame = requestAnimationFrame(() => void fitView({ duration: 200 }));
    return () => cancelAnimationFrame(frame);
  }, [layout.key, fitView]);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => setNodes((ns) => applyNodeChanges(changes, ns)), []);
  const viewportRef = useRef(canvas.viewport);
  const onMoveEnd = useCallback(
    (_: unknown, viewport: Viewport) => {
      const last = viewportRef.current;
      if (last && last.x === viewport.x && last.y === viewport.y && last.zoom === viewport.zoom) return;
      viewportRef.current = viewport;
      dispatch({ type: 'viewport', viewport: { x: viewport.x, y: viewport.y, zoom: viewport.zoom } });
    },
    [dispatch],
  );

  return (
    <ReactFlow<FlowNode>
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      onNodesChange={onNodesChange}
      onNodeDragStop={(_, node) => dispatch({ type: 'move', id: node.id, x: Math.round(node.position.x), y: Math.round(node.position.y) })}
      onNodeClick={(_, node) => (node.type === 'dbt' ? onOpenNode(node.id) : undefined)}
      onNodeDoubleClick={(_, node) => (node.type === 'dbtgroup' ? dispatch({ type: 'expand', keys: [node.id] }) : undefined)}
      onMoveEnd={onMoveEnd}
      onInit={onReady}
      defaultViewport={canvas.viewport ?? undefined}
      fitView={canvas.viewport === null}
      minZoom={0.02}
      maxZoom={2}
      onlyRenderVisibleElements
      nodesConnectable={false}
      elementsSelectable={!simple}
      proOptions={{ hideAttribution: true }}
      className={simple && zoomedOut ? 'low-detail' : undefined}
    >
      <Background gap={24} size={1} />
      <Controls showInteractive={false} />
      {simple ? null : <MiniMap pannable zoomable nodeStrokeWidth={2} />}
    </ReactFlow>
  );
}
