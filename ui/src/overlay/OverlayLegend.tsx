import { glyphOf, type LegendEntry, type OverlayMode } from './overlayMarks';

/** The legend: each mark as the graph draws it, with how many drawn nodes carry it. */
export function OverlayLegend({ entries, mode }: { readonly entries: readonly LegendEntry[]; readonly mode: OverlayMode }) {
  return (
    <ul className="overlay-legend" aria-label={mode === 'plan' ? 'Actions on the graph' : 'States on the graph'}>
      {entries.map((e) => (
        <li key={e.key} title={e.hint} data-testid={`overlay-legend-${e.key}`} data-count={e.count}>
          <span className={`oswatch om-${e.key}`} aria-hidden="true">{glyphOf(e.key)}</span> {e.label}{' '}
          <strong className="overlay-legend-count">{e.count}</strong>
        </li>
      ))}
    </ul>
  );
}
