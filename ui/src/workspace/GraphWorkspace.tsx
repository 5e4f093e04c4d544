import { ReactFlowProvider, type ReactFlowInstance } from '@xyflow/react';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { VersionRef } from '../client/client';
import type { CanvasEventStore, CanvasScope } from '../canvas/eventStore';
import { INITIAL_CANVAS, type CanvasAction } from '../canvas/reducer';
import { collapseGraph, drawnNodeOf, groupKeyOf } from '../graph/collapse';
import type { WorkspaceGraph } from '../graph/model';
import { openCollapsed, type OpenCollapsed } from '../graph/openCollapsed';
import { evaluateSelector } from '../graph/selection';
import { ErrorState, Loading } from '../app/states';
import { GraphCanvas } from './GraphCanvas';
import { GroupControls } from './GroupControls';
import { NodePanel } from './NodePanel';
import { SearchBox } from './SearchBox';
import { Toolbar } from './Toolbar';
import { useCanvas } from './useCanvas';
import { NODE_SIZE } from '../graph/layoutInput';
import { useLayout } from './useLayout';

/**
 * The graph workspace for one loaded graph: selector, search, groups, the canvas and the node
 * panel. It takes the graph as a value, so the benchmark mounts it with generated graphs.
 */
export function GraphWorkspace({ graph, versionRef, canvasScope, canvasStore = null }: {
  readonly graph: WorkspaceGraph;
  /** Where node details come from; without it the panel is off (benchmarks). */
  readonly versionRef: VersionRef | null;
  readonly canvasScope: CanvasScope | null;
  /** Where canvas events are saved; the browser's localStorage when not given. */
  readonly canvasStore?: CanvasEventStore | null;
}) {
  const { history, dispatch, loaded } = useCanvas(canvasScope, canvasStore);
  const canvas = history.present;
  // The canvas is drawn once the saved events are in (so its first moves do not count as the user's).
  const ready = loaded || canvasScope === null;
  const opened = useOpenCollapsed(graph, ready, history.present, history.past.length + history.future.length, dispatch);
  const [expression, setExpression] = useState('');
  const deferred = useDeferredValue(expression);
  const selection = useMemo(() => evaluateSelector(graph, deferred), [graph, deferred]);
  const [openId, setOpenId] = useState<string | null>(null);
  const flow = useRef<ReactFlowInstance | null>(null);
  // Outlives a remount of the canvas (see GraphCanvasProps.fittedKey).
  const fittedKey = useRef<string | null>(null);

  const collapsedSet = useMemo(() => new Set(canvas.collapsed), [canvas.collapsed]);
  const hideTests = !canvas.showTests;
  const visible = useMemo(() => collapseGraph(graph, canvas.grouping, collapsedSet, { hideTests }), [graph, canvas.grouping, collapsedSet, hideTests]);
  const layout = useLayout(visible);
  const shown = layout.status === 'done' ? layout.result : layout.status === 'running' ? layout.previous : null;

  // A hidden test is focused through the node it tests: its panel opens, the canvas centres on and
  // outlines that node (whose badge counts it), and the layout stays as it is. Only a test attached to
  // no drawn node turns tests on.
  const focusNode = useCallback(
    (id: string) => {
      if (!graph.nodes.has(id)) return;
      const target = drawnNodeOf(graph, id, hideTests);
      if (target === null) dispatch({ type: 'show_tests', show: true });
      const drawn = graph.nodes.get(target ?? id);
      if (!drawn) return;
      const key = groupKeyOf(drawn.node, canvas.grouping);
      if (collapsedSet.has(key)) dispatch({ type: 'expand', keys: [key] });
      if (versionRef) setOpenId(id);
      const at = canvas.positions[drawn.uniqueId] ?? shown?.positions[drawn.uniqueId];
      if (at) void flow.current?.setCenter(at.x + NODE_SIZE.width / 2, at.y + NODE_SIZE.height / 2, { zoom: 1, duration: 300 });
    },
    [graph, hideTests, canvas.grouping, canvas.positions, collapsedSet, dispatch, shown, versionRef],
  );
  const focusedId = useMemo(() => (openId === null ? null : drawnNodeOf(graph, openId, hideTests) ?? openId), [graph, openId, hideTests]);

  const status =
    layout.status === 'running'
      ? `Laying out ${visible.nodes.length.toLocaleString()} nodes…`
      : layout.status === 'done'
        ? `${visible.nodes.length.toLocaleString()} nodes · ${visible.edges.length.toLocaleString()} edges · layout ${Math.round(layout.ms)} ms`
        : '';

  return (
    <div className="workspace">
      <Toolbar
        expression={expression}
        onExpression={setExpression}
        selection={selection}
        canUndo={history.past.length > 0}
        canRedo={history.future.length > 0}
        onUndo={() => dispatch({ type: 'undo' })}
        onRedo={() => dispatch({ type: 'redo' })}
        status={status}
      />
      <div className="workspace-body">
        <div className="workspace-left">
          <SearchBox graph={graph} onPick={focusNode} />
          {opened && canvas.collapsed.length > 0 ? (
            <p className="muted small" data-testid="opened-collapsed">
              {graph.nodes.size.toLocaleString()} nodes are too many to read at once: the project opened as a map of its {opened.grouping === 'folder' ? 'folders' : 'packages'}.
              Double-click one to open it, or Expand all (Ctrl+Z undoes it).
            </p>
          ) : null}
          {selection.kind === 'selected' ? <SelectionList ids={selection.ids} onPick={focusNode} /> : null}
          <GroupControls graph={graph} canvas={canvas} dispatch={dispatch} />
          {Object.keys(canvas.positions).length > 0 ? (
            <button type="button" onClick={() => dispatch({ type: 'reset_positions' })}>
              Reset moved nodes
            </button>
          ) : null}
        </div>
        <div className="canvas-area" data-testid="graph-canvas">
          {!ready ? (
            <Loading what="the saved canvas" />
          ) : layout.status === 'failed' ? (
            <ErrorState error={new Error(layout.message)} />
          ) : shown ? (
            <ReactFlowProvider>
              <GraphCanvas
                graph={graph}
                visible={visible}
                layout={shown}
                canvas={canvas}
                selection={selection}
                focusedId={focusedId}
                dispatch={dispatch}
                onOpenNode={focusNode}
                fittedKey={fittedKey}
                onReady={(instance) => {
                  flow.current = instance as unknown as ReactFlowInstance;
                }}
              />
            </ReactFlowProvider>
          ) : (
            <Loading what={`the layout of ${visible.nodes.length.toLocaleString()} nodes`} />
          )}
        </div>
        {openId && versionRef ? <NodePanel versionRef={versionRef} uniqueId={openId} onClose={() => setOpenId(null)} onOpenNode={focusNode} /> : null}
      </div>
    </div>
  );
}

const LIST_LIMIT = 200;

function SelectionList({ ids, onPick }: { readonly ids: ReadonlySet<string>; readonly onPick: (id: string) => void }) {
  const sorted = useMemo(() => [...ids].sort(), [ids]);
  return (
    <section className="selection-list" aria-label="Selected nodes">
      <h3>Selected ({ids.size})</h3>
      <ul className="link-list" data-testid="selected-nodes">
        {sorted.slice(0, LIST_LIMIT).map((id) => (
          <li key={id}>
            <button type="button" className="link" onClick={() => onPick(id)}>
              {id}
            </button>
          </li>
        ))}
      </ul>
      {ids.size > LIST_LIMIT ? <p className="muted small">and {ids.size - LIST_LIMIT} more</p> : null}
    </section>
  );
}

/**
 * Once the saved canvas is loaded: if there was none and the project is big, collapse it into a map
 * of folders or packages (see openCollapsed.ts). Two ordinary canvas events, so undo brings it back.
 */
function useOpenCollapsed(
  graph: WorkspaceGraph,
  ready: boolean,
  present: typeof INITIAL_CANVAS,
  steps: number,
  dispatch: (action: CanvasAction) => void,
): OpenCollapsed | null {
  const decided = useRef(false);
  const [opened, setOpened] = useState<OpenCollapsed | null>(null);
  useEffect(() => {
    if (!ready || decided.current) return;
    decided.current = true;
    if (present !== INITIAL_CANVAS || steps > 0) return;
    const plan = openCollapsed(graph, !present.showTests);
    if (!plan) return;
    dispatch({ type: 'grouping', grouping: plan.grouping });
    dispatch({ type: 'collapse', keys: plan.keys });
    setOpened(plan);
  }, [ready, graph, present, steps, dispatch]);
  return opened;
}
