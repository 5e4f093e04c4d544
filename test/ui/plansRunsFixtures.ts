import type { PlanNode, PlanResource, RunDetail } from '../../ui/src/client/client';

// API answers as `GET …/plans/{id}` and `GET …/runs/{id}` give them (trimmed to three nodes).

const HASH = 'ab'.repeat(32);

function node(uniqueId: string, action: PlanNode['action'], seconds: number, reasons: PlanNode['reasons']): PlanNode {
  const name = uniqueId.split('.').pop() ?? uniqueId;
  return {
    uniqueId, nodeUuid: `uuid-${name}`, kind: uniqueId.startsWith('seed.') ? 'seed' : 'model', name, action,
    command: uniqueId.startsWith('seed.') ? 'seed' : 'run', fullRefresh: false, vars: {}, partition: null, priority: 0, upstream: [],
    estimate: { seconds, cost: seconds / 360, basis: 'history', detail: `median of 3 recent successful runs: ${seconds} s` },
    reasons,
  };
}

export const planFixture: PlanResource = {
  id: 'plan-1', projectId: 'p', environmentId: 'env-prod', versionId: 'v1', planHash: HASH, createdBy: 'alice', createdAt: '2026-11-20T10:00:00.000Z',
  plan: {
    formatVersion: 1, id: 'plan-1', hash: HASH, projectId: 'p', environment: { name: 'prod', id: 'env-prod' }, createdAt: '2026-11-20T10:00:00.000Z',
    requestedBy: 'alice',
    selection: { select: '+customers', exclude: null, named: [], fullRefresh: false, ignored: [] },
    settings: { concurrency: 4, costRatePerHour: 10, budget: null, budgetMode: 'approve', defaultEstimateSeconds: 60 },
    policies: ['selection', 'skip_if_no_change'],
    nodes: [
      node('seed.jaffle_shop.raw_customers', 'SKIP', 2, [
        { policyId: 'skip_if_no_change', action: 'SKIP', outcome: 'applied', text: 'unchanged since the last successful run', evidence: {} },
      ]),
      node('model.jaffle_shop.stg_customers', 'RUN', 12, [
        { policyId: 'selection', action: 'RUN', outcome: 'applied', text: 'selected', evidence: {} },
        { policyId: 'skip_if_no_change', action: 'SKIP', outcome: 'overruled', text: 'unchanged, but an upstream changed', evidence: {} },
      ]),
      node('model.jaffle_shop.customers', 'RUN', 30, [{ policyId: 'selection', action: 'RUN', outcome: 'applied', text: 'selected', evidence: {} }]),
    ],
    totals: {
      nodes: { RUN: 2, SKIP: 1, PARTIAL: 0, total: 3 }, estimatedSeconds: 42, makespanSeconds: 42, concurrency: 4, estimatedCost: 0.116667,
      skippedSeconds: 2, budget: null,
    },
    approvals: {
      required: true, separationOfDuties: true, requestedBy: 'alice',
      rules: [{ role: 'admin', count: 1, policyId: 'protected_environment', reason: 'prod is protected' }],
    },
    decisions: [],
    explanation: [],
  },
};

const run = {
  id: 'run-1', tenantId: 't', projectId: 'p', environmentId: 'env-prod', planId: 'plan-1', workflowId: 'run/p/run-1', requestedBy: 'alice',
  idempotencyKey: null, createdAt: '2026-11-20T10:01:00.000Z', updatedAt: '2026-11-20T10:02:00.000Z', startedAt: '2026-11-20T10:01:01.000Z',
  finishedAt: null,
};

const counts = { running: 0, success: 0, warning: 0, failed: 0, pending: 0, skipped: 0, upstream_failed: 0, not_run: 0, interrupted: 0 };

/** A run that waits for an approval (nothing has run yet). */
export const awaitingFixture: RunDetail = {
  run: { ...run, status: 'awaiting_approval', startedAt: null },
  planHash: HASH,
  nodes: [],
  temporalUrl: 'http://127.0.0.1:8233/namespaces/default/workflows/run%2Fp%2Frun-1',
  live: {
    runId: 'run-1', workflowId: 'run/p/run-1', planId: 'plan-1', planHash: HASH, lifecycle: 'awaiting_approval', reason: null, timings: {}, total: 3,
    counts: { ...counts, pending: 2, skipped: 1 }, nodes: {}, chunks: [],
    approvals: { ignored: [], rejectedBy: null, approvedBy: [], requiredCount: 1, required: true },
  },
};

/** A run that ended `failed`: stg_customers succeeded, customers failed; the seed was skipped. */
export const failedFixture: RunDetail = {
  run: { ...run, status: 'failed', finishedAt: '2026-11-20T10:01:40.000Z' },
  planHash: HASH,
  temporalUrl: 'http://127.0.0.1:8233/namespaces/default/workflows/run%2Fp%2Frun-1',
  live: null,
  nodes: [
    {
      id: 'nr-1', tenantId: 't', runId: 'run-1', uniqueId: 'model.jaffle_shop.stg_customers', nodeUuid: 'uuid-stg_customers', attempt: 1, status: 'success',
      startedAt: '2026-11-20T10:01:02.000Z', completedAt: '2026-11-20T10:01:14.000Z', executionTime: 12, adapterResponse: {}, message: 'OK',
    },
    {
      id: 'nr-2', tenantId: 't', runId: 'run-1', uniqueId: 'model.jaffle_shop.customers', nodeUuid: 'uuid-customers', attempt: 1, status: 'failed',
      startedAt: '2026-11-20T10:01:14.000Z', completedAt: '2026-11-20T10:01:20.000Z', executionTime: 6, adapterResponse: {}, message: 'Binder Error: column x not found',
    },
  ],
};
