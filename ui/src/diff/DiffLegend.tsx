import type { LegendCounts } from './diffGraph';
import { markOf } from './DiffNode';

type Entry = keyof LegendCounts;

const ENTRIES: ReadonlyArray<{ readonly key: Entry; readonly label: string; readonly hint: string }> = [
  { key: 'added', label: 'added', hint: 'New in the head version (right pane only)' },
  { key: 'removed', label: 'removed', hint: 'Gone from the head version (left pane only)' },
  { key: 'modified', label: 'modified', hint: 'Changed between the versions (both panes, with what changed)' },
  { key: 'impacted', label: 'impacted downstream', hint: 'Unchanged itself but downstream of a change (outlined in the right pane)' },
  { key: 'unchanged', label: 'unchanged', hint: 'Neither changed nor impacted (muted)' },
];

/** The legend: each mark as the panes draw it, with how many nodes carry it. */
export function DiffLegend({ counts }: { readonly counts: LegendCounts }) {
  return (
    <div className="cards diff-legend" aria-label="Legend">
      {ENTRIES.map((e) => (
        <div key={e.key} className={`card diff-${e.key}`} title={e.hint}>
          <div className="muted small">
            <span className={`diff-swatch ds-${e.key}`} aria-hidden="true">{markOf(e.key)}</span> {e.label}
          </div>
          <div className="card-value" data-testid={`legend-${e.key}`}>{counts[e.key]}</div>
        </div>
      ))}
    </div>
  );
}
