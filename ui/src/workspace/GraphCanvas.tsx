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
import { nodeAt, OverviewCanvas, type OverviewEdge, type OverviewNode } from './OverviewCanvas';
import { GROUP_SIZE, NODE_SIZE } from '../graph/layoutInput';

type FlowNode = DbtFlowNode | GroupFlowNode;

/** Above this many drawn nodes the canvas uses straight edges and drops the minimap and element selection. */
export const SIMPLE_RENDERING_NODES = 1_000;
/** Below this zoom a big graph is drawn on one canvas (OverviewCanvas): labels are unreadable there anyway. */
export const LOW_DETAIL_ZOOM = 0.4;
/** How close (screen pixels) a click on the overview must be to a node to open it. */
const CLICK_TOLERANCE_PX = 4;
const FIT_ALL = { includeHiddenNodes: true } as const;
const NO_TESTS: readonly string[] = [];

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
  /**
   * The key of the layout last fitted into view, kept by the workspace so that it outlives a remount
   * of the canvas: a layout the user has not seen fitted yet is fitted, a saved viewport of the
   * first layout is kept.
   */
  readonly fittedKey: { current: string | null };
}

type NodeInputs = Pick<GraphCanvasProps, 'graph' | 'visible' | 'layout' | 'selection' | 'focusedId'> & {
  readonly positions: CanvasState['positions'];
  /** Drawn by the overview canvas: React Flow keeps them (for fit and clicks) but renders none. */
  readonly hidden: boolean;
};

function buildNodes({ graph, visible, layout, positions, selection, focusedId, hidden }: NodeInputs): FlowNode[] {
  const out: FlowNode[] = [];
  for (const v of visible.nodes) {
    const position = positions[v.id] ?? layout.positions[v.id];
    if (!position) continue;
    if (v.type === 'group') {
      const selectedCount = selection.kind === 'selected' ? v.members.filter((m) => selection.ids.has(m)).length : 0;
      const highlight = selection.kind !== 'selected' ? 'normal' : selectedCount > 0 ? 'selected' : 'dimmed';
      out.push({ id: v.id, type: 'dbtgroup', position, hidden, ...GROUP_SIZE, data: { label: v.label, groupKey: v.groupKey, size: v.members.length, selectedCount, highlight } });
    } else {
      const kind = graph.nodes.get(v.id)?.kind ?? 'model';
      // Tests not drawn are counted on the node they test (a badge), selected when the selection has any.
      const tests = (visible.testsHidden ? v.tests : undefined) ?? NO_TESTS;
      const unitTests = tests.reduce((count, t) => (graph.nodes.get(t)?.kind === 'unit_test' ? count + 1 : count), 0);
      const testsSelected = selection.kind === 'selected' && tests.some((t) => selection.ids.has(t));
      out.push({
        id: v.id, type: 'dbt', position, hidden, ...NODE_SIZE,
        data: { label: v.label, kind, uniqueId: v.id, highlight: highlightOf(selection, v.id), focused: v.id === focusedId, dataTests: tests.length - unitTests, unitTests, testsSelected },
      });
    }
  }
  return out;
}

function overviewNodes(nodes: readonly FlowNode[]): OverviewNode[] {
  return nodes.map((n) => {
    const size = n.type === 'dbtgroup' ? GROUP_SIZE : NODE_SIZE;
    return {
      id: n.id, x: n.position.x, y: n.position.y, ...size,
      kind: n.type === 'dbtgroup' ? 'group' : n.data.kind,
      highlight: n.data.highlight,
      focused: n.type === 'dbt' && n.data.focused,
    };
  });
}

/** The React Flow canvas: layout positions overridden by the user's moves, selection shown by dimming the rest. */
export function GraphCanvas(props: GraphCanvasProps) {
  const { graph, visible, layout, canvas, selection, focusedId, dispatch, onOpenNode, onReady, fittedKey } = props;
  const simple = visible.nodes.length > SIMPLE_RENDERING_NODES;
  // A boolean selector: re-renders only when the zoom crosses the threshold, not on every frame.
  const zoomedOut = useStore((s) => s.transform[2] < LOW_DETAIL_ZOOM);
  const overview = simple && zoomedOut;
  // Positions are all of the canvas the nodes depend on: a viewport change must not rebuild 5,000 nodes.
  const positions = canvas.positions;
  const derived = useMemo(
    () => buildNodes({ graph, visible, layout, positions, selection, focusedId, hidden: overview }),
    [graph, visible, layout, positions, selection, focusedId, overview],
  );
  const [nodes, setNodes] = useState<FlowNode[]>(derived);
  useEffect(() => setNodes(derived), [derived]);

  const edges = useMemo<Edge[]>(() => {
    const lit = selection.kind === 'selected' ? selection.ids : null;
    return visible.edges.map((e) => ({
      id: `${e.from}->${e.to}`,
      source: e.from,
      target: e.to,
      type: simple ? 'straight' : 'default',
      className: lit && lit.has(e.from) && lit.has(e.to) ? 'edge-selected' : lit ? 'edge-dimmed' : undefined,
      focusable: false,
      hidden: overview,
    }));
  }, [visible.edges, selection, simple, overview]);

  const overviewScene = useMemo(() => {
    if (!overview) return null;
    const lit = selection.kind === 'selected' ? selection.ids : null;
    const drawnEdges: OverviewEdge[] = visible.edges.map((e) => ({
      from: e.from, to: e.to, highlight: !lit ? 'normal' : lit.has(e.from) && lit.has(e.to) ? 'selected' : 'dimmed',
    }));
    return { nodes: overviewNodes(derived), edges: drawnEdges };
  }, [overview, derived, visible.edges, selection]);

  // The whole layout in view: on first open (no saved viewport) and when a new layout (groups
  // collapsed or expanded) moves everything. Bounds, not nodes: hidden overview nodes are not measured.
  const { fitBounds, screenToFlowPosition, setCenter, getZoom } = useReactFlow();
  const showAll = useCallback(
    (duration: number) => void fitBounds({ x: 0, y: 0, width: Math.max(1, layout.width), height: Math.max(1, layout.height) }, { duration, padding: 0.05 }),
    [fitBounds, layout.width, layout.height],
  );
  useEffect(() => {
    if (fittedKey.current === null) {
      fittedKey.current = layout.key;
      return;
    }
    if (fittedKey.current === layout.key) return;
    const frame = requestAnimationFrame(() => {
      fittedKey.current = layout.key;
      showAll(200);
    });
    return () => cancelAnimationFrame(frame);
  }, [layout.key, showAll, fittedKey]);

  const onPaneClick = useCallback(
    (event: { clientX: number; clientY: number }) => {
      if (!overviewScene) return;
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const hit = nodeAt(overviewScene.nodes, at.x, at.y, CLICK_TOLERANCE_PX / getZoom());
      if (!hit) return;
      if (hit.kind === 'group') void setCenter(hit.x + hit.width / 2, hit.y + hit.height / 2, { zoom: 1, duration: 300 });
      else onOpenNode(hit.id);
    },
    [overviewScene, screenToFlowPosition, getZoom, setCenter, onOpenNode],
  );

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
      onPaneClick={onPaneClick}
      onInit={(instance) => {
        if (canvas.viewport === null) showAll(0);
        onReady?.(instance);
      }}
      defaultViewport={canvas.viewport ?? undefined}
      minZoom={0.005}
      maxZoom={2}
      onlyRenderVisibleElements
      nodesConnectable={false}
      elementsSelectable={!simple}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={24} size={1} />
      {overviewScene ? <OverviewCanvas nodes={overviewScene.nodes} edges={overviewScene.edges} /> : null}
      {/* Hidden nodes (drawn by the overview) count: they have declared sizes. */}
      <Controls showInteractive={false} fitViewOptions={FIT_ALL} />
      {simple ? null : <MiniMap pannable zoomable nodeStrokeWidth={2} />}
    </ReactFlow>
  );
}
