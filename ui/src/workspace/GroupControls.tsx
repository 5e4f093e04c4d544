import { useMemo } from 'react';
import type { CanvasAction, CanvasState } from '../canvas/reducer';
import { countTests, GROUPINGS, groupsOf, type Grouping } from '../graph/collapse';
import type { WorkspaceGraph } from '../graph/model';

/** Whether tests are drawn, the grouping (package / folder / dbt group) and the collapse state of each group. */
export function GroupControls({ graph, canvas, dispatch }: { readonly graph: WorkspaceGraph; readonly canvas: CanvasState; readonly dispatch: (a: CanvasAction) => void }) {
  const hideTests = !canvas.showTests;
  // The list shows the groups as drawn (tests left out while hidden); "Collapse all" collapses every
  // group, so showing tests later does not bring back a group of tests only, expanded.
  const allGroups = useMemo(() => groupsOf(graph, canvas.grouping), [graph, canvas.grouping]);
  const groups = useMemo(() => (hideTests ? groupsOf(graph, canvas.grouping, { hideTests }) : allGroups), [graph, canvas.grouping, hideTests, allGroups]);
  const tests = useMemo(() => countTests(graph), [graph]);
  const collapsed = new Set(canvas.collapsed);
  return (
    <section className="group-controls" aria-label="Groups">
      <label className="show-tests">
        <input type="checkbox" checked={canvas.showTests} onChange={(e) => dispatch({ type: 'show_tests', show: e.target.checked })} /> Show tests ({tests.toLocaleString()})
      </label>
      <div className="row">
        <label>
          Group by{' '}
          <select aria-label="Group by" value={canvas.grouping} onChange={(e) => dispatch({ type: 'grouping', grouping: e.target.value as Grouping })}>
            {GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => dispatch({ type: 'collapse', keys: allGroups.map((g) => g.key) })}>Collapse all</button>
        <button type="button" onClick={() => dispatch({ type: 'expand', keys: canvas.collapsed })}>Expand all</button>
      </div>
      {graph.detail === 'summary' && canvas.grouping !== 'package' ? (
        <p className="muted small">The API sent node summaries only: folders and dbt groups are unknown until it sends full nodes.</p>
      ) : graph.detail === 'full' && canvas.grouping === 'group' && groups.every((g) => g.key === 'group:(none)') ? (
        <p className="muted small">This project defines no dbt groups.</p>
      ) : null}
      <ul className="group-list">
        {groups.map((g) => {
          const isCollapsed = collapsed.has(g.key);
          return (
            <li key={g.key}>
              <button
                type="button"
                className="link"
                aria-expanded={!isCollapsed}
                onClick={() => dispatch({ type: isCollapsed ? 'expand' : 'collapse', keys: [g.key] })}
              >
                {isCollapsed ? '▸' : '▾'} {g.key.slice(g.key.indexOf(':') + 1)}
              </button>
              <span className="muted small"> {g.size}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
