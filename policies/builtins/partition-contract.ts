/**
 * The partition contract of an incremental model: `meta.sluice.partition` in its config
 * ({ column, granularity, lookback, start_var?, end_var? }), and the range arithmetic in UTC.
 */
import type { DbtNode } from '../../domain/artifacts/types';
import type { PartitionGranularity } from '../../domain/plan/types';

export interface PartitionContract {
  readonly column: string;
  readonly granularity: PartitionGranularity;
  readonly lookback: number;
  readonly startVar: string;
  readonly endVar: string;
}

export const DEFAULT_START_VAR = 'sluice_partition_start';
export const DEFAULT_END_VAR = 'sluice_partition_end';
const GRANULARITIES: readonly PartitionGranularity[] = ['hour', 'day', 'month'];
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const record = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** The raw contract: config.meta first (where dbt ≥1.10 wants it), then the node's meta. */
export function rawPartitionContract(node: DbtNode): unknown {
  const fromConfig = record(record(record(node.config['meta'])?.['sluice'])?.['partition']);
  if (fromConfig !== null) return fromConfig;
  return record(record(node.meta['sluice']))?.['partition'];
}

/** The contract, or the reason it is not valid (a string). */
export function parsePartitionContract(raw: unknown): PartitionContract | string {
  const obj = record(raw);
  if (obj === null) return 'meta.sluice.partition must be an object';
  const column = obj['column'];
  if (typeof column !== 'string' || column.trim() === '') return 'column must be a non-empty string';
  const granularity = obj['granularity'];
  if (typeof granularity !== 'string' || !GRANULARITIES.includes(granularity as PartitionGranularity)) {
    return `granularity must be one of ${GRANULARITIES.join(', ')}`;
  }
  const lookback = obj['lookback'];
  if (typeof lookback !== 'number' || !Number.isInteger(lookback) || lookback < 0) return 'lookback must be an integer ≥ 0';
  const startVar = obj['start_var'] ?? DEFAULT_START_VAR;
  const endVar = obj['end_var'] ?? DEFAULT_END_VAR;
  if (typeof startVar !== 'string' || !VAR_NAME.test(startVar) || typeof endVar !== 'string' || !VAR_NAME.test(endVar) || startVar === endVar) {
    return 'start_var and end_var must be two different identifiers';
  }
  return { column, granularity: granularity as PartitionGranularity, lookback, startVar, endVar };
}

/** The start of the `granularity` period containing `ms` (UTC). */
export function truncate(ms: number, granularity: PartitionGranularity): number {
  const d = new Date(ms);
  switch (granularity) {
    case 'hour':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
    case 'day':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    default: {
      const unreachable: never = granularity;
      throw new Error(`unreachable granularity ${String(unreachable)}`);
    }
  }
}

/** `ms` moved by `n` periods (n may be negative); `ms` must be a period start. */
export function shift(ms: number, granularity: PartitionGranularity, n: number): number {
  const d = new Date(ms);
  switch (granularity) {
    case 'hour':
      return ms + n * 3_600_000;
    case 'day':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + n);
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1);
    default: {
      const unreachable: never = granularity;
      throw new Error(`unreachable granularity ${String(unreachable)}`);
    }
  }
}

/** How a var value is written: a timestamp for hours, a date otherwise (what SQL filters expect). */
export function formatBoundary(ms: number, granularity: PartitionGranularity): string {
  const iso = new Date(ms).toISOString();
  return granularity === 'hour' ? `${iso.slice(0, 13)}:00:00Z` : iso.slice(0, 10);
}
