import type { RunTrends } from '../client/client';
import { formatCost, formatSeconds } from '../views/runParts';
import { percent } from './scale';
import { StatCard } from './StatCard';

/** The window's figures: success rate, runs, p50 duration, actual against estimated cost, waiting runs. */
export function TrendCards({ trends }: { readonly trends: RunTrends }) {
  const t = trends.totals;
  const ok = t.succeeded + t.warned;
  const span = `last ${trends.days} day${trends.days === 1 ? '' : 's'}`;
  return (
    <div className="cards">
      <StatCard testId="card-success-rate" title={`Success rate (${span})`} value={percent(t.successRate)} note={`${ok} of ${ok + t.failed} succeeded; canceled runs not counted`} />
      <StatCard testId="card-runs" title="Runs" value={t.runs.toLocaleString()} note={`${t.failed} failed · ${t.canceled} canceled · ${t.inProgress} in progress`} />
      <StatCard testId="card-p50" title="p50 duration" value={formatSeconds(t.p50DurationSeconds)} note={`p95 ${formatSeconds(t.p95DurationSeconds)}`} />
      <StatCard testId="card-cost" title="Actual cost" value={formatCost(t.actualCost)} note={`estimated ${formatCost(t.estimatedCost)} · ${formatSeconds(t.nodeSeconds)} of node time`} />
      <StatCard testId="card-awaiting" title="Awaiting approval" value={String(trends.awaitingApproval)} note="runs wait for a decision now" />
    </div>
  );
}
