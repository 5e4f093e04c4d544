/**
 * Duration and cost estimates of one node, each saying what it is based on. Order of preference:
 * this environment's history (median of recent successes), then ingested run_results timings,
 * then catalog statistics, then the environment's default.
 */
import type { HistoryIndex } from './history';
import type { Estimate } from './types';

/** How many recent successful runs the history median uses. */
export const RECENT_RUNS = 5;
/** Catalog heuristic: rows processed per second (a rough warehouse-neutral figure). */
export const CATALOG_ROWS_PER_SECOND = 1_000_000;
/** Catalog heuristic: bytes processed per second (100 MB/s). */
export const CATALOG_BYTES_PER_SECOND = 100_000_000;
/** Floor of a catalog-based estimate: a warehouse statement never costs nothing. */
export const CATALOG_MIN_SECONDS = 1;

const ROW_KEYS = ['row_count', 'num_rows', 'rows'] as const;
const BYTE_KEYS = ['bytes', 'num_bytes', 'size_bytes'] as const;

/** Rounds to a fixed number of decimals so sums and JSON stay stable. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}

export function costOf(seconds: number, costRatePerHour: number): number {
  return roundTo((seconds * costRatePerHour) / 3600, 6);
}

/** "12.5 s" with at most 3 decimals, no locale (deterministic on every machine). */
export function formatSeconds(seconds: number): string {
  return `${roundTo(seconds, 3)} s`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid] as number;
  return ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function numericStat(stats: Readonly<Record<string, unknown>>, keys: readonly string[]): { key: string; value: number } | null {
  for (const key of keys) {
    const raw = stats[key];
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (Number.isFinite(value) && value >= 0) return { key, value };
  }
  return null;
}

export interface EstimateOptions {
  readonly costRatePerHour: number;
  readonly defaultEstimateSeconds: number;
}

export function estimateNode(uniqueId: string, index: HistoryIndex, options: EstimateOptions): Estimate {
  const make = (seconds: number, basis: Estimate['basis'], detail: string): Estimate => {
    const s = roundTo(Math.max(0, seconds), 3);
    // Keys in canonical (sorted) order: the plan is hashed over its canonical JSON.
    return { basis, cost: costOf(s, options.costRatePerHour), detail, seconds: s };
  };

  const recent = index.historyDurations(uniqueId).slice(0, RECENT_RUNS);
  if (recent.length > 0) {
    const list = recent.map(formatSeconds).join(', ');
    return make(median(recent), 'history', `median of ${recent.length} recent successful run(s) in this environment: ${list}`);
  }

  const timing = index.runResultsTiming(uniqueId);
  if (timing !== null) {
    return make(timing.durationSeconds, 'run_results', `execution_time ${formatSeconds(timing.durationSeconds)} in ${timing.label}`);
  }

  const stats = index.catalogStats(uniqueId);
  if (stats !== null) {
    const rows = numericStat(stats, ROW_KEYS);
    if (rows !== null) {
      const s = Math.max(CATALOG_MIN_SECONDS, rows.value / CATALOG_ROWS_PER_SECOND);
      return make(s, 'catalog', `catalog ${rows.key} ${rows.value} at ${CATALOG_ROWS_PER_SECOND} rows/s (min ${CATALOG_MIN_SECONDS} s)`);
    }
    const bytes = numericStat(stats, BYTE_KEYS);
    if (bytes !== null) {
      const s = Math.max(CATALOG_MIN_SECONDS, bytes.value / CATALOG_BYTES_PER_SECOND);
      return make(s, 'catalog', `catalog ${bytes.key} ${bytes.value} at ${CATALOG_BYTES_PER_SECOND} bytes/s (min ${CATALOG_MIN_SECONDS} s)`);
    }
  }

  return make(options.defaultEstimateSeconds, 'default', `no history, run_results timing or catalog statistics: environment default ${formatSeconds(options.defaultEstimateSeconds)}`);
}
