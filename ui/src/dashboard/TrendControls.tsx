import type { Environment } from '../client/client';

export const WINDOWS = [7, 30, 90] as const;
export type TrendDays = (typeof WINDOWS)[number];

/** The dashboard's window (7, 30 or 90 days) and environment filter. */
export function TrendControls(props: {
  readonly days: TrendDays;
  readonly onDays: (days: TrendDays) => void;
  readonly environmentId: string;
  readonly onEnvironment: (environmentId: string) => void;
  readonly environments: readonly Environment[];
}) {
  return (
    <div className="row" role="group" aria-label="Dashboard filters">
      <div className="segmented" role="group" aria-label="Window">
        {WINDOWS.map((d) => (
          <button key={d} type="button" aria-pressed={props.days === d} className={props.days === d ? 'active' : undefined} onClick={() => props.onDays(d)}>
            {d} days
          </button>
        ))}
      </div>
      <label>
        Environment{' '}
        <select aria-label="Environment filter" value={props.environmentId} onChange={(e) => props.onEnvironment(e.target.value)}>
          <option value="">all</option>
          {props.environments.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
        </select>
      </label>
    </div>
  );
}
