/**
 * Run trends of a project: daily buckets (UTC days) of outcomes, wall durations and costs, built from
 * one sample per run. Pure: the window's `now` and the samples come in, nothing is read here.
 */
import { InputError } from '../errors';
import { roundTo } from '../plan/estimate';

/** The run lifecycle statuses (docs/runs.md), as the store records them. */
export type TrendRunStatus = 'queued' | 'planning' | 'awaiting_approval' | 'running' | 'success' | 'warning' | 'failed' | 'canceled';

/** One run as the trends need it. Times are ISO 8601 UTC. */
export interface RunSample {
  readonly status: TrendRunStatus;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** Sum of `executionTime` over every recorded node attempt of the run (retries cost too), seconds. */
  readonly nodeSeconds: number;
  /** The run's plan `totals.estimatedCost`; null when the stored plan has none. */
  readonly estimatedCost: number | null;
  /** The run's plan `settings.costRatePerHour`: the environment's rate when the plan was built. */
  readonly costRatePerHour: number | null;
}

/** Counts and figures of a set of runs (one day, or the whole window). */
export interface RunTrendStats {
  /** Runs created (requested) in the period; the sum of the five outcome counts below. */
  readonly runs: number;
  /** Ended `success`. */
  readonly succeeded: number;
  /** Ended `warning` (no failure, at least one dbt warning). */
  readonly warned: number;
  readonly failed: number;
  readonly canceled: number;
  /** Not ended yet: queued, planning, awaiting approval or running. */
  readonly inProgress: number;
  /** (succeeded + warned) / (succeeded + warned + failed), 0 to 1; null when no run succeeded or failed. */
  readonly successRate: number | null;
  /** Median wall duration (startedAt → finishedAt) of the ended runs that started, seconds (nearest rank). */
  readonly p50DurationSeconds: number | null;
  /** 95th percentile of the same durations, seconds (nearest rank). */
  readonly p95DurationSeconds: number | null;
  /** Total node execution time, seconds. */
  readonly nodeSeconds: number;
  /** Sum of the plan estimates of the runs that started (a run canceled before running spent nothing). */
  readonly estimatedCost: number;
  /** Sum of node-seconds × the plan's cost rate per hour / 3600. */
  readonly actualCost: number;
}

export interface RunTrendBucket extends RunTrendStats {
  /** The UTC day, `YYYY-MM-DD`. */
  readonly day: string;
}

export interface RunTrends {
  /** Days in the window, today included. */
  readonly days: number;
  /** First day of the window (UTC, `YYYY-MM-DD`). */
  readonly from: string;
  /** Last day of the window: today (UTC). */
  readonly to: string;
  /** One bucket per day of the window, oldest first, days without runs included (zeros). */
  readonly buckets: readonly RunTrendBucket[];
  readonly totals: RunTrendStats;
  /** Runs waiting for an approval now, whenever they were created. */
  readonly awaitingApproval: number;
}

/** The instants bounding a window of `days` UTC days ending today: `from` inclusive, `until` exclusive. */
export interface TrendWindow {
  readonly from: string;
  readonly until: string;
  readonly days: readonly string[];
}

export const MAX_TREND_DAYS = 365;
const DAY_MS = 86_400_000;

export function trendWindow(nowMs: number, days: number): TrendWindow {
  if (!Number.isInteger(days) || days < 1 || days > MAX_TREND_DAYS) throw new InputError(`days must be an integer from 1 to ${MAX_TREND_DAYS}`, 'invalid_input');
  if (!Number.isFinite(nowMs)) throw new InputError('now is not a time', 'invalid_input');
  const tomorrow = Math.floor(nowMs / DAY_MS) * DAY_MS + DAY_MS;
  const start = tomorrow - days * DAY_MS;
  const keys: string[] = [];
  for (let t = start; t < tomorrow; t += DAY_MS) keys.push(dayOf(t));
  return { from: new Date(start).toISOString(), until: new Date(tomorrow).toISOString(), days: keys };
}

/**
 * Buckets the samples by the UTC day they were created; samples outside the window are left out.
 * O(n log n) in the samples (one sort of each day's durations).
 */
export function buildRunTrends(args: { window: TrendWindow; samples: readonly RunSample[]; awaitingApproval: number }): RunTrends {
  const { window } = args;
  const byDay = new Map<string, RunSample[]>(window.days.map((d) => [d, []]));
  const inWindow: RunSample[] = [];
  for (const s of args.samples) {
    const created = Date.parse(s.createdAt);
    if (!Number.isFinite(created)) continue;
    const day = byDay.get(dayOf(created));
    if (!day) continue;
    day.push(s);
    inWindow.push(s);
  }
  const first = window.days[0];
  const last = window.days[window.days.length - 1];
  if (first === undefined || last === undefined) throw new InputError('a trend window has at least one day', 'invalid_input');
  return {
    days: window.days.length,
    from: first,
    to: last,
    buckets: window.days.map((day) => ({ day, ...statsOf(byDay.get(day) ?? []) })),
    totals: statsOf(inWindow),
    awaitingApproval: args.awaitingApproval,
  };
}

type Outcome = 'succeeded' | 'warned' | 'failed' | 'canceled' | 'inProgress';

export function outcomeOf(status: TrendRunStatus): Outcome {
  switch (status) {
    case 'success':
      return 'succeeded';
    case 'warning':
      return 'warned';
    case 'failed':
      return 'failed';
    case 'canceled':
      return 'canceled';
    case 'queued':
    case 'planning':
    case 'awaiting_approval':
    case 'running':
      return 'inProgress';
    default: {
      const unreachable: never = status;
      throw new Error(`unknown run status ${String(unreachable)}`);
    }
  }
}

/** The figures of a set of runs, rounded so sums and JSON stay stable (seconds 3 decimals, costs 6). */
export function statsOf(samples: readonly RunSample[]): RunTrendStats {
  const counts: Record<Outcome, number> = { succeeded: 0, warned: 0, failed: 0, canceled: 0, inProgress: 0 };
  const durations: number[] = [];
  let nodeSeconds = 0;
  let estimated = 0;
  let actual = 0;
  for (const s of samples) {
    const outcome = outcomeOf(s.status);
    counts[outcome]++;
    const duration = outcome === 'inProgress' ? null : wallSeconds(s.startedAt, s.finishedAt);
    if (duration !== null) durations.push(duration);
    const seconds = Number.isFinite(s.nodeSeconds) ? Math.max(0, s.nodeSeconds) : 0;
    nodeSeconds += seconds;
    actual += (seconds * positive(s.costRatePerHour)) / 3600;
    if (s.startedAt !== null) estimated += positive(s.estimatedCost);
  }
  durations.sort((a, b) => a - b);
  // Canceled runs say nothing about the pipeline's health (rejections, approval timeouts, manual stops).
  const decided = counts.succeeded + counts.warned + counts.failed;
  return {
    runs: samples.length,
    ...counts,
    successRate: decided === 0 ? null : roundTo((counts.succeeded + counts.warned) / decided, 4),
    p50DurationSeconds: percentile(durations, 50),
    p95DurationSeconds: percentile(durations, 95),
    nodeSeconds: roundTo(nodeSeconds, 3),
    estimatedCost: roundTo(estimated, 6),
    actualCost: roundTo(actual, 6),
  };
}

/**
 * The nearest-rank `percent`-th percentile of ascending `sorted` values (a value that was observed,
 * the same on every database and machine); null for none.
 */
export function percentile(sorted: readonly number[], percent: number): number | null {
  if (sorted.length === 0) return null;
  if (!Number.isInteger(percent) || percent < 1 || percent > 100) throw new RangeError(`a percentile is an integer percent from 1 to 100, not ${percent}`);
  // Whole-number arithmetic (percent × n / 100), so the rank never depends on a rounding of 0.95.
  const rank = Math.ceil((percent * sorted.length) / 100);
  const value = sorted[Math.min(rank, sorted.length) - 1];
  return value === undefined ? null : roundTo(value, 3);
}

/** startedAt → finishedAt in seconds; null unless both are known times. */
export function wallSeconds(startedAt: string | null, finishedAt: string | null): number | null {
  if (startedAt === null || finishedAt === null) return null;
  const from = Date.parse(startedAt);
  const to = Date.parse(finishedAt);
  return Number.isFinite(from) && Number.isFinite(to) ? Math.max(0, (to - from) / 1000) : null;
}

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const positive = (n: number | null): number => (n !== null && Number.isFinite(n) && n > 0 ? n : 0);
