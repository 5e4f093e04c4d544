import { bandCenter, ChartFigure, yOf, type ChartSeries } from './chartFrame';
import { niceScale, type ValueScale } from './scale';

/**
 * Lines per series, hand-drawn in SVG, a point per day that has a value (with a <title> tooltip); a
 * day without a value breaks the line rather than drawing a false zero.
 */
export function LineChart(props: {
  readonly title: string;
  readonly summary: string;
  readonly days: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly format: (value: number) => string;
  /** The value axis for the largest value (default: 1, 2, 2.5 or 5 × 10^k steps). */
  readonly scaleOf?: (max: number) => ValueScale;
  readonly testId: string;
}) {
  const { days, series, format } = props;
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const scale = (props.scaleOf ?? niceScale)(Math.max(0, ...values));
  return (
    <ChartFigure title={props.title} summary={props.summary} days={days} scale={scale} format={format} series={series} testId={props.testId}>
      {series.map((s) => (
        <g key={s.key} className={`chart-line tone-${s.tone}`} data-series={s.key}>
          {segments(s.values, days.length, scale).map((points) => (
            <polyline key={points} points={points} />
          ))}
          {days.map((day, i) => {
            const v = s.values[i];
            if (v === null || v === undefined) return null;
            return (
              <circle key={day} className="chart-point" data-day={day} data-value={v} cx={bandCenter(i, days.length)} cy={yOf(v, scale)} r={days.length > 45 ? 2 : 3}>
                <title>{`${day} · ${s.label}: ${format(v)}`}</title>
              </circle>
            );
          })}
        </g>
      ))}
    </ChartFigure>
  );
}

/** The `points` of each run of consecutive days with values. */
function segments(values: readonly (number | null)[], days: number, scale: ValueScale): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (let i = 0; i < days; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      if (current.length > 1) out.push(current.join(' '));
      current = [];
      continue;
    }
    current.push(`${bandCenter(i, days).toFixed(1)},${yOf(v, scale).toFixed(1)}`);
  }
  if (current.length > 1) out.push(current.join(' '));
  return out;
}
