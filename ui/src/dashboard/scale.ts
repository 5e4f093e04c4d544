/** Pure helpers of the dashboard's SVG charts: a "nice" value axis, label spacing, short formats. */

export interface ValueScale {
  /** The top of the axis (≥ every value). */
  readonly max: number;
  /** Tick values from 0 to `max`, ascending. */
  readonly ticks: readonly number[];
}

/** A 0-based axis with about `intervals` steps of 1, 2, 2.5 or 5 × 10^k (whole steps for counts). */
export function niceScale(maxValue: number, options: { readonly integer?: boolean; readonly intervals?: number } = {}): ValueScale {
  const intervals = options.intervals ?? 4;
  const max = Number.isFinite(maxValue) && maxValue > 0 ? maxValue : 0;
  if (max === 0) return { max: 1, ticks: [0, 1] };
  const raw = max / intervals;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  let step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * magnitude;
  if (options.integer) step = Math.max(1, Math.ceil(step));
  const top = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; i * step <= top + step / 2; i++) ticks.push(Number((i * step).toPrecision(12)));
  return { max: Number(top.toPrecision(12)), ticks };
}

/** Show every n-th day label so that at most `most` labels fit under the chart. */
export const labelEvery = (days: number, most = 8): number => Math.max(1, Math.ceil(days / most));

/** `YYYY-MM-DD` as `MM-DD` (the axis label). */
export const shortDay = (day: string): string => day.slice(5);

/** Seconds for an axis: "45s", "12m", "1.5h". */
export function compactSeconds(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toPrecision(3))}s`;
  if (seconds < 3600) return `${Number((seconds / 60).toPrecision(3))}m`;
  return `${Number((seconds / 3600).toPrecision(3))}h`;
}

/** A 0-to-1 rate as a whole percent ("92%"); "—" for none. */
export const percent = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** Steps a time axis reads well in: seconds, minutes, hours, days. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/** A 0-based seconds axis with at most `intervals` steps of 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, days. */
export function niceDurationScale(maxSeconds: number, intervals = 4): ValueScale {
  const max = Number.isFinite(maxSeconds) && maxSeconds > 0 ? maxSeconds : 0;
  if (max === 0) return { max: 1, ticks: [0, 1] };
  const fit = TIME_STEPS.find((s) => max / s <= intervals);
  const step = fit ?? Math.ceil(max / intervals / 86_400) * 86_400;
  const top = Math.ceil(max / step - 1e-9) * step;
  return { max: top, ticks: Array.from({ length: top / step + 1 }, (_, i) => i * step) };
}
