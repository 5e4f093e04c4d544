import type { ReactNode } from 'react';
import { labelEvery, shortDay, type ValueScale } from './scale';

/** The frame every dashboard chart shares: one SVG, a value axis, one band per day, a legend. */

/** Colours come from the theme's variables (styles.css `.tone-*`), so dark and light both work. */
export type Tone = 'ok' | 'warn' | 'danger' | 'muted' | 'accent';

export interface ChartSeries {
  readonly key: string;
  readonly label: string;
  readonly tone: Tone;
  /** One value per day of the chart; null when the day has none (a gap, not a zero). */
  readonly values: readonly (number | null)[];
}

// One chart per row: at the page's usual widths (700 to 1150 px) the 960-wide box draws text at 9 to 14 px.
export const BOX = { width: 960, height: 180, left: 60, right: 8, top: 10, bottom: 24 } as const;
const PLOT_W = BOX.width - BOX.left - BOX.right;
const PLOT_H = BOX.height - BOX.top - BOX.bottom;

/** The x of a day's band and its width. */
export const band = (days: number): number => PLOT_W / Math.max(1, days);
export const bandStart = (index: number, days: number): number => BOX.left + index * band(days);
export const bandCenter = (index: number, days: number): number => bandStart(index, days) + band(days) / 2;

/** The y of a value on the scale (SVG y grows downwards). */
export const yOf = (value: number, scale: ValueScale): number => BOX.top + PLOT_H - (Math.max(0, value) / scale.max) * PLOT_H;
export const baseline = BOX.top + PLOT_H;

export function ChartFigure(props: {
  readonly title: string;
  /** What a screen reader hears for the whole chart. */
  readonly summary: string;
  readonly days: readonly string[];
  readonly scale: ValueScale;
  readonly format: (value: number) => string;
  readonly series: readonly ChartSeries[];
  readonly testId: string;
  readonly children: ReactNode;
}) {
  const { days, scale, format } = props;
  const every = labelEvery(days.length);
  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <svg className="chart-svg" viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={props.summary}>
        <g className="chart-grid" aria-hidden="true">
          {scale.ticks.map((t) => (
            <g key={t}>
              <line x1={BOX.left} x2={BOX.width - BOX.right} y1={yOf(t, scale)} y2={yOf(t, scale)} />
              <text className="chart-label" x={BOX.left - 6} y={yOf(t, scale)} dy="0.32em" textAnchor="end">{format(t)}</text>
            </g>
          ))}
          {days.map((day, i) =>
            i % every === 0 ? (
              <text key={day} className="chart-label" data-testid="chart-day-label" x={bandCenter(i, days.length)} y={BOX.height - 6} textAnchor="middle">
                {shortDay(day)}
              </text>
            ) : null,
          )}
        </g>
        {props.children}
      </svg>
      <ul className="chart-legend">
        {props.series.map((s) => (
          <li key={s.key}>
            <span className={`swatch tone-${s.tone}`} aria-hidden="true" /> {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
