import { InputError } from '../../../domain/errors';
import { buildRunTrends, outcomeOf, percentile, statsOf, trendWindow, wallSeconds, type RunSample } from '../../../domain/runs/trends';

const NOW = Date.parse('2026-11-23T15:30:00.000Z');

function sample(over: Partial<RunSample> & Pick<RunSample, 'createdAt'>): RunSample {
  return { status: 'success', startedAt: null, finishedAt: null, nodeSeconds: 0, estimatedCost: null, costRatePerHour: null, ...over };
}

/** A run that ran `seconds` of wall time from `createdAt`. */
const ran = (createdAt: string, seconds: number, over: Partial<RunSample> = {}): RunSample =>
  sample({ createdAt, startedAt: createdAt, finishedAt: new Date(Date.parse(createdAt) + seconds * 1000).toISOString(), ...over });

describe('trendWindow', () => {
  it('covers `days` whole UTC days ending today, from midnight to the next midnight', () => {
    expect(trendWindow(NOW, 3)).toEqual({
      from: '2026-11-21T00:00:00.000Z',
      until: '2026-11-24T00:00:00.000Z',
      days: ['2026-11-21', '2026-11-22', '2026-11-23'],
    });
    expect(trendWindow(Date.parse('2026-11-23T00:00:00.000Z'), 1).days).toEqual(['2026-11-23']);
    expect(trendWindow(NOW, 365).days).toHaveLength(365);
    // Across a month and a year end.
    expect(trendWindow(Date.parse('2027-01-01T01:00:00Z'), 2).days).toEqual(['2026-12-31', '2027-01-01']);
  });

  it('refuses a window outside 1..365 whole days', () => {
    for (const days of [0, -1, 366, 1.5, Number.NaN]) expect(() => trendWindow(NOW, days)).toThrow(InputError);
  });
});

describe('percentile (nearest rank)', () => {
  it('picks an observed value: ceil(p × n)-th smallest', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 95)).toBe(10);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([1, 2], 50)).toBe(1);
    expect(percentile([], 50)).toBeNull();
    // The rank is ceil(0.95 × 20) = 19: the 19th value, not the last.
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(twenty, 95)).toBe(19);
    expect(percentile(Array.from({ length: 60 }, (_, i) => i + 1), 95)).toBe(57);
  });

  it('refuses a percent that is not a whole number from 1 to 100', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 99.5)).toThrow(RangeError);
  });
});

describe('statsOf', () => {
  it('counts outcomes, excludes canceled runs from the success rate, and measures ended runs only', () => {
    const s = statsOf([
      ran('2026-11-23T01:00:00.000Z', 10, { status: 'success' }),
      ran('2026-11-23T02:00:00.000Z', 30, { status: 'warning' }),
      ran('2026-11-23T03:00:00.000Z', 20, { status: 'failed' }),
      ran('2026-11-23T04:00:00.000Z', 40, { status: 'canceled' }),
      sample({ createdAt: '2026-11-23T05:00:00.000Z', status: 'canceled' }),
      // Running: started, not finished; no duration yet.
      sample({ createdAt: '2026-11-23T06:00:00.000Z', status: 'running', startedAt: '2026-11-23T06:00:01.000Z' }),
      sample({ createdAt: '2026-11-23T07:00:00.000Z', status: 'awaiting_approval' }),
    ]);
    expect(s).toMatchObject({ runs: 7, succeeded: 1, warned: 1, failed: 1, canceled: 2, inProgress: 2 });
    expect(s.successRate).toBe(0.6667);
    // Durations 10, 20, 30, 40 (the canceled run that ran counts): p50 is the 2nd, p95 the 4th.
    expect(s.p50DurationSeconds).toBe(20);
    expect(s.p95DurationSeconds).toBe(40);
  });

  it('costs: estimates of runs that started, actual = node-seconds × the rate of each run / 3600', () => {
    const s = statsOf([
      ran('2026-11-23T01:00:00.000Z', 5, { nodeSeconds: 90, estimatedCost: 1.5, costRatePerHour: 36 }),
      ran('2026-11-23T02:00:00.000Z', 5, { nodeSeconds: 1800, estimatedCost: 0.25, costRatePerHour: 2 }),
      // Canceled before it ran: its plan's estimate was never spent.
      sample({ createdAt: '2026-11-23T03:00:00.000Z', status: 'canceled', estimatedCost: 100, costRatePerHour: 36 }),
      // A plan without cost figures counts zero, never NaN.
      ran('2026-11-23T04:00:00.000Z', 5, { nodeSeconds: 10 }),
    ]);
    expect(s.nodeSeconds).toBe(1900);
    expect(s.estimatedCost).toBe(1.75);
    expect(s.actualCost).toBe(1.9); // 90 × 36 / 3600 + 1800 × 2 / 3600
  });

  it('gives nulls, not zeros, for rates and durations when nothing decided or ended', () => {
    expect(statsOf([])).toEqual({
      runs: 0, succeeded: 0, warned: 0, failed: 0, canceled: 0, inProgress: 0,
      successRate: null, p50DurationSeconds: null, p95DurationSeconds: null, nodeSeconds: 0, estimatedCost: 0, actualCost: 0,
    });
    expect(statsOf([sample({ createdAt: '2026-11-23T01:00:00.000Z', status: 'canceled' })]).successRate).toBeNull();
  });
});

describe('buildRunTrends', () => {
  it('has a bucket for every day of the window, oldest first, zeros included, and leaves out runs outside it', () => {
    const window = trendWindow(NOW, 3);
    const trends = buildRunTrends({
      window,
      awaitingApproval: 4,
      samples: [
        ran('2026-11-23T10:00:00.000Z', 60, { status: 'failed', nodeSeconds: 120, costRatePerHour: 3.6 }),
        ran('2026-11-21T00:00:00.000Z', 30, { status: 'success' }),
        ran('2026-11-21T23:59:59.999Z', 90, { status: 'success' }),
        ran('2026-11-20T23:59:59.999Z', 500, { status: 'failed' }),
        ran('2026-11-24T00:00:00.000Z', 500, { status: 'failed' }),
        sample({ createdAt: 'not a time' }),
      ],
    });
    expect(trends).toMatchObject({ days: 3, from: '2026-11-21', to: '2026-11-23', awaitingApproval: 4 });
    expect(trends.buckets.map((b) => [b.day, b.runs, b.succeeded, b.failed])).toEqual([
      ['2026-11-21', 2, 2, 0],
      ['2026-11-22', 0, 0, 0],
      ['2026-11-23', 1, 0, 1],
    ]);
    expect(trends.buckets[0]).toMatchObject({ successRate: 1, p50DurationSeconds: 30, p95DurationSeconds: 90 });
    expect(trends.buckets[1]).toMatchObject({ successRate: null, p50DurationSeconds: null, actualCost: 0 });
    expect(trends.buckets[2]).toMatchObject({ successRate: 0, p50DurationSeconds: 60, nodeSeconds: 120, actualCost: 0.12 });
    expect(trends.totals).toMatchObject({ runs: 3, succeeded: 2, failed: 1, successRate: 0.6667, p50DurationSeconds: 60, p95DurationSeconds: 90 });
  });

  it('is the same whatever the order of the samples', () => {
    const window = trendWindow(NOW, 7);
    const samples = Array.from({ length: 40 }, (_, i) => ran(new Date(NOW - i * 3_700_000).toISOString(), (i * 37) % 300, { status: i % 5 === 0 ? 'failed' : 'success', nodeSeconds: i }));
    const a = buildRunTrends({ window, samples, awaitingApproval: 0 });
    const b = buildRunTrends({ window, samples: [...samples].reverse(), awaitingApproval: 0 });
    expect(b).toEqual(a);
    expect(a.buckets.reduce((n, x) => n + x.runs, 0)).toBe(a.totals.runs);
  });
});

describe('helpers', () => {
  it('maps every lifecycle status to one outcome', () => {
    expect((['queued', 'planning', 'awaiting_approval', 'running', 'success', 'warning', 'failed', 'canceled'] as const).map(outcomeOf)).toEqual([
      'inProgress', 'inProgress', 'inProgress', 'inProgress', 'succeeded', 'warned', 'failed', 'canceled',
    ]);
  });

  it('measures wall time between two known times only', () => {
    expect(wallSeconds('2026-11-23T00:00:00.000Z', '2026-11-23T00:01:30.500Z')).toBe(90.5);
    expect(wallSeconds(null, '2026-11-23T00:00:00.000Z')).toBeNull();
    expect(wallSeconds('2026-11-23T00:00:00.000Z', null)).toBeNull();
    expect(wallSeconds('2026-11-23T00:00:10.000Z', '2026-11-23T00:00:00.000Z')).toBe(0);
  });
});
