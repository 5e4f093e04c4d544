import type { RunTrends } from '../client/client';
import { formatCost, formatSeconds } from '../views/runParts';
import { BarChart } from './BarChart';
import type { ChartSeries } from './chartFrame';
import { LineChart } from './LineChart';
import { compactSeconds, niceDurationScale } from './scale';

/** The three daily charts of the dashboard: runs by outcome, duration (p50/p95), cost (estimated/actual). */
export function TrendCharts({ trends }: { readonly trends: RunTrends }) {
  const { buckets, totals } = trends;
  const days = buckets.map((b) => b.day);
  const span = `the last ${trends.days} day${trends.days === 1 ? '' : 's'}`;
  const outcomes: ChartSeries[] = [
    { key: 'succeeded', label: 'succeeded', tone: 'ok', values: buckets.map((b) => b.succeeded) },
    { key: 'warned', label: 'warning', tone: 'warn', values: buckets.map((b) => b.warned) },
    { key: 'failed', label: 'failed', tone: 'danger', values: buckets.map((b) => b.failed) },
    { key: 'canceled', label: 'canceled', tone: 'muted', values: buckets.map((b) => b.canceled) },
    { key: 'inProgress', label: 'in progress', tone: 'accent', values: buckets.map((b) => b.inProgress) },
  ];
  const durations: ChartSeries[] = [
    { key: 'p50', label: 'p50', tone: 'accent', values: buckets.map((b) => b.p50DurationSeconds) },
    { key: 'p95', label: 'p95', tone: 'warn', values: buckets.map((b) => b.p95DurationSeconds) },
  ];
  const costs: ChartSeries[] = [
    { key: 'estimated', label: 'estimated', tone: 'muted', values: buckets.map((b) => b.estimatedCost) },
    { key: 'actual', label: 'actual', tone: 'accent', values: buckets.map((b) => b.actualCost) },
  ];
  const slowest = buckets.reduce<{ day: string; p95: number } | null>((m, b) => (b.p95DurationSeconds !== null && (m === null || b.p95DurationSeconds > m.p95) ? { day: b.day, p95: b.p95DurationSeconds } : m), null);
  return (
    <div className="chart-list">
      <BarChart
        testId="chart-runs"
        title="Runs per day"
        mode="stacked"
        integer
        days={days}
        series={outcomes}
        format={String}
        summary={`Runs per day over ${span}: ${totals.runs} runs, ${totals.succeeded} succeeded, ${totals.warned} with warnings, ${totals.failed} failed, ${totals.canceled} canceled, ${totals.inProgress} in progress.`}
      />
      <LineChart
        testId="chart-duration"
        title="Run duration (p50 / p95)"
        days={days}
        series={durations}
        format={compactSeconds}
        scaleOf={niceDurationScale}
        summary={`Run wall duration per day over ${span}: p50 ${formatSeconds(totals.p50DurationSeconds)}, p95 ${formatSeconds(totals.p95DurationSeconds)} over the window${slowest ? `; the slowest day's p95 was ${formatSeconds(slowest.p95)} on ${slowest.day}` : ''}.`}
      />
      <BarChart
        testId="chart-cost"
        title="Cost per day (estimated / actual)"
        mode="grouped"
        days={days}
        series={costs}
        format={formatCost}
        summary={`Cost per day over ${span}: actual ${formatCost(totals.actualCost)} against an estimated ${formatCost(totals.estimatedCost)}.`}
      />
    </div>
  );
}
