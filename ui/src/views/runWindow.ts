/** The time filter of the runs list: a preset window ending now, or a range the user picks. */

export type RunWindowId = 'any' | '24h' | '7d' | '30d' | 'range';

export const RUN_WINDOWS: ReadonlyArray<{ readonly id: RunWindowId; readonly label: string }> = [
  { id: 'any', label: 'any time' },
  { id: '24h', label: 'last 24 hours' },
  { id: '7d', label: 'last 7 days' },
  { id: '30d', label: 'last 30 days' },
  { id: 'range', label: 'between…' },
];

const HOURS: Readonly<Record<Exclude<RunWindowId, 'any' | 'range'>, number>> = { '24h': 24, '7d': 24 * 7, '30d': 24 * 30 };

export interface RunWindowBounds {
  readonly createdAfter?: string;
  readonly createdBefore?: string;
}

/**
 * The API's bounds for a window at `now` (ms). `from` and `to` are the values of
 * <input type="datetime-local"> (local time, either may be empty); an unusable range is an error
 * message instead, so nothing is asked of the API.
 */
export function runWindowBounds(id: RunWindowId, now: number, from = '', to = ''): RunWindowBounds | { readonly error: string } {
  switch (id) {
    case 'any':
      return {};
    case '24h':
    case '7d':
    case '30d':
      return { createdAfter: new Date(now - HOURS[id] * 3_600_000).toISOString() };
    case 'range': {
      const start = from ? new Date(from) : null;
      const end = to ? new Date(to) : null;
      if ((start && Number.isNaN(start.getTime())) || (end && Number.isNaN(end.getTime()))) return { error: 'Not a date and time' };
      if (start && end && start >= end) return { error: 'The start must be before the end' };
      return { ...(start ? { createdAfter: start.toISOString() } : {}), ...(end ? { createdBefore: end.toISOString() } : {}) };
    }
    default: {
      const unreachable: never = id;
      throw new Error(`unknown run window ${String(unreachable)}`);
    }
  }
}
