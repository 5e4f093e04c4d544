import { band, bandStart, baseline, ChartFigure, yOf, type ChartSeries } from './chartFrame';
import { niceScale } from './scale';

/**
 * Bars per day, hand-drawn in SVG: `stacked` (one bar, a segment per series: parts of a whole) or
 * `grouped` (a bar per series side by side: values to compare). Each bar has a <title> tooltip.
 */
export function BarChart(props: {
  readonly title: string;
  readonly summary: string;
  readonly days: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly mode: 'stacked' | 'grouped';
  readonly format: (value: number) => string;
  readonly integer?: boolean;
  readonly testId: string;
}) {
  const { days, series, mode, format } = props;
  const valueAt = (s: ChartSeries, i: number): number => s.values[i] ?? 0;
  const heights = days.map((_, i) => (mode === 'stacked' ? series.reduce((sum, s) => sum + valueAt(s, i), 0) : Math.max(0, ...series.map((s) => valueAt(s, i)))));
  const scale = niceScale(Math.max(0, ...heights), { integer: props.integer ?? false });
  const width = band(days.length);
  const barWidth = Math.min(28, width * 0.72);
  const slot = mode === 'grouped' ? barWidth / Math.max(1, series.length) : barWidth;
  return (
    <ChartFigure title={props.title} summary={props.summary} days={days} scale={scale} format={format} series={series} testId={props.testId}>
      {days.map((day, i) => {
        const left = bandStart(i, days.length) + (width - barWidth) / 2;
        let stackTop = 0;
        return (
          <g key={day} data-day={day}>
            {series.map((s, k) => {
              const value = valueAt(s, i);
              if (value <= 0) return null;
              const bottom = mode === 'stacked' ? stackTop : 0;
              if (mode === 'stacked') stackTop += value;
              const y = yOf(bottom + value, scale);
              const h = Math.max(1, (mode === 'stacked' ? yOf(bottom, scale) : baseline) - y);
              const x = mode === 'grouped' ? left + k * slot : left;
              return (
                <rect key={s.key} className={`chart-bar tone-${s.tone}`} data-series={s.key} data-value={value} x={x} y={y} width={Math.max(1, slot - (mode === 'grouped' ? 1 : 0))} height={h}>
                  <title>{`${day} · ${s.label}: ${format(value)}`}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
    </ChartFigure>
  );
}
