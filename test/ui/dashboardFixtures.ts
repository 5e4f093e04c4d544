import type { Environment, Project, ProjectVersion, Run, RunTrendBucket, RunTrends, RunTrendStats, Tenant } from '../../ui/src/client/client';

// API answers for the dashboard test, shaped like the API's (see test/integration/api/trends.test.ts,
// which checks the same figures against the real store).

export const tenant: Tenant = { id: 't', slug: 't', name: 'T', createdAt: '2026-01-01T00:00:00.000Z' };
export const project: Project = { id: 'p', tenantId: 't', orgId: 'o', slug: 'jaffle', name: 'Jaffle Shop', createdAt: '2026-01-01T00:00:00.000Z' };
export const version: ProjectVersion = {
  id: 'v1', tenantId: 't', projectId: 'p', contentSha256: 'c'.repeat(64), gitSha: 'abcdef0123', dbtVersion: '1.10.0',
  manifestSchema: 'v12', nodeCount: 42, edgeCount: 57, files: [], createdAt: '2026-11-20T10:00:00.000Z',
};
const env = (id: string, name: string): Environment => ({ id, tenantId: 't', projectId: 'p', name, target: name, settings: {}, createdAt: '2026-01-01T00:00:00.000Z' });
export const environments: Environment[] = [env('env-prod', 'prod'), env('env-dev', 'dev')];

const ZERO: RunTrendStats = {
  runs: 0, succeeded: 0, warned: 0, failed: 0, canceled: 0, inProgress: 0,
  successRate: null, p50DurationSeconds: null, p95DurationSeconds: null, nodeSeconds: 0, estimatedCost: 0, actualCost: 0,
};

const TODAY = Date.parse('2026-11-23T00:00:00.000Z');

/** Every day of a window ending 2026-11-23, oldest first, with the given buckets and zeros elsewhere. */
function window(days: number, filled: Record<string, Partial<RunTrendStats>>, totals: RunTrendStats, awaitingApproval: number, environmentId: string | null): RunTrends {
  const buckets: RunTrendBucket[] = Array.from({ length: days }, (_, i) => {
    const day = new Date(TODAY - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return { day, ...ZERO, ...filled[day] };
  });
  return { projectId: 'p', environmentId, days, from: buckets[0]?.day ?? '', to: '2026-11-23', buckets, totals, awaitingApproval };
}

/** Six runs: today a success (60 s), a failure (120 s) and one waiting; yesterday a success and a cancel; a warning six days ago. */
export function trendsFixture(days: number, environmentId: string | null): RunTrends {
  if (environmentId === 'env-dev') {
    const one = { runs: 1, succeeded: 1, successRate: 1, p50DurationSeconds: 30, p95DurationSeconds: 30, nodeSeconds: 50, estimatedCost: 0.1, actualCost: 0.1 };
    return window(days, { '2026-11-22': one }, { ...ZERO, ...one }, 0, environmentId);
  }
  return window(
    days,
    {
      '2026-11-23': { runs: 3, succeeded: 1, failed: 1, inProgress: 1, successRate: 0.5, p50DurationSeconds: 60, p95DurationSeconds: 120, nodeSeconds: 90, estimatedCost: 1, actualCost: 0.9 },
      '2026-11-22': { runs: 2, succeeded: 1, canceled: 1, successRate: 1, p50DurationSeconds: 30, p95DurationSeconds: 30, nodeSeconds: 50, estimatedCost: 0.1, actualCost: 0.1 },
      '2026-11-17': { runs: 1, warned: 1, successRate: 1, p50DurationSeconds: 300, p95DurationSeconds: 300, nodeSeconds: 100, estimatedCost: 0.5, actualCost: 1 },
    },
    { runs: 6, succeeded: 2, warned: 1, failed: 1, canceled: 1, inProgress: 1, successRate: 0.75, p50DurationSeconds: 60, p95DurationSeconds: 300, nodeSeconds: 240, estimatedCost: 1.6, actualCost: 2 },
    1,
    environmentId,
  );
}

export const emptyTrends = (days: number): RunTrends => window(days, {}, ZERO, 0, null);

const base = { tenantId: 't', projectId: 'p', planId: 'plan-1', requestedBy: 'alice', idempotencyKey: null, updatedAt: '2026-11-23T01:00:00.000Z' };

export const waitingRun: Run = {
  ...base, id: 'run-wait-0003', environmentId: 'env-prod', status: 'awaiting_approval', workflowId: 'run/p/run-wait-0003',
  createdAt: '2026-11-23T00:54:00.000Z', startedAt: null, finishedAt: null,
};

export const recentRuns: Run[] = [
  {
    ...base, id: 'run-ok-0001', environmentId: 'env-prod', status: 'success', workflowId: 'run/p/run-ok-0001',
    createdAt: '2026-11-23T00:30:00.000Z', startedAt: '2026-11-23T00:30:10.000Z', finishedAt: '2026-11-23T00:31:10.000Z',
  },
  waitingRun,
  {
    ...base, id: 'run-fail-0002', environmentId: 'env-dev', status: 'failed', workflowId: 'run/p/run-fail-0002',
    createdAt: '2026-11-23T00:45:00.000Z', startedAt: '2026-11-23T00:45:10.000Z', finishedAt: '2026-11-23T00:47:10.000Z',
  },
];
