// Where a run's state lives outside Temporal, so the API can list and show runs without it. The
// workflow is the source of truth; these writes mirror it (idempotent, so retries are harmless).
import type { Knex } from 'knex';
import type { ExecutionPlan } from '../domain/plan/types';
import { getEnvironment, getPlan, recordNodeRun, updateRunStatus } from '../store';
import type { NodeRunRecord, RunLifecycle } from '../workflows/planRunTypes';

export interface StoredRunPlan {
  readonly plan: ExecutionPlan;
  /** The hash the plan was stored under. */
  readonly storedHash: string;
  readonly projectId: string;
  readonly environmentId: string;
  readonly versionId: string;
  readonly environmentSettings: Readonly<Record<string, unknown>>;
}

export interface RunStateSink {
  loadPlan(args: { tenantId: string; planId: string }): Promise<StoredRunPlan>;
  /** Moves the run to `status`; setting the current status again is a no-op. */
  setRunStatus(args: { tenantId: string; runId: string; status: RunLifecycle }): Promise<void>;
  /** Upserts one row per (run, node, attempt). */
  recordNodeRuns(args: { tenantId: string; runId: string; records: readonly NodeRunRecord[] }): Promise<void>;
}

/** The sink on Sluice's store (SQLite or PostgreSQL through knex). */
export function storeRunStateSink(db: Knex): RunStateSink {
  return {
    async loadPlan({ tenantId, planId }) {
      const stored = await getPlan({ db, tenantId, id: planId });
      const environment = await getEnvironment({ db, tenantId, id: stored.environmentId });
      return {
        plan: stored.body as ExecutionPlan,
        storedHash: stored.planHash,
        projectId: stored.projectId,
        environmentId: stored.environmentId,
        versionId: stored.versionId,
        environmentSettings: environment.settings,
      };
    },
    async setRunStatus({ tenantId, runId, status }) {
      await updateRunStatus({ db, tenantId, id: runId, status });
    },
    async recordNodeRuns({ tenantId, runId, records }) {
      await db.transaction(async (trx) => {
        for (const r of records) {
          await recordNodeRun({
            db: trx,
            nodeRun: {
              tenantId, runId, uniqueId: r.uniqueId, nodeUuid: r.nodeUuid, attempt: r.attempt, status: r.status,
              startedAt: r.startedAt, completedAt: r.completedAt, executionTime: r.executionTime,
              adapterResponse: r.adapterResponse, message: r.errorType ? `[${r.errorType}] ${r.message ?? ''}` : r.message,
            },
          });
        }
      });
    },
  };
}
