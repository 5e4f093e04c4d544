import type { Knex } from 'knex';
import { nullable } from '../../rows';
import type { RunStatus } from '../../types';

/** Most executions one call returns. */
export const MAX_NODE_HISTORY = 100;

/** An environment as a list names it. */
export interface EnvironmentRef {
  readonly id: string;
  readonly name: string;
}

/** One attempt of one node in one run, with what the run was and where it ran. */
export interface NodeExecution {
  readonly runId: string;
  readonly runStatus: RunStatus;
  /** When the run was recorded (the order of the list). */
  readonly runCreatedAt: string;
  readonly planId: string;
  readonly environment: EnvironmentRef;
  /** The node's state in that run (`success`, `failed`, `skipped`, ...). */
  readonly status: string;
  readonly attempt: number;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  /** Seconds dbt reported, or null. */
  readonly executionTime: number | null;
  readonly message: string | null;
}

/**
 * The recent executions of one node across a project's runs, newest run first (then latest attempt
 * first), optionally in one environment. Two ways in, and the planner picks: walk the project's runs
 * newest first on runs(tenant_id, project_id, created_at), probing node_runs' unique (run_id,
 * unique_id, attempt), which stops after `limit` rows (best for a node in most runs); or start from the
 * node's attempts on node_runs(unique_id, tenant_id) (best for a rarely run node). PostgreSQL chooses
 * by its statistics; SQLite, which has none, starts from the node's attempts: O(attempts of the node).
 */
export async function listNodeHistory(args: {
  db: Knex;
  tenantId: string;
  projectId: string;
  uniqueId: string;
  environmentId?: string | null;
  limit: number;
}): Promise<NodeExecution[]> {
  const { db, tenantId, limit } = args;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NODE_HISTORY) throw new RangeError(`limit must be an integer from 1 to ${MAX_NODE_HISTORY} (got ${limit})`);
  const q = db('runs as r')
    .join('node_runs as nr', (j) => {
      j.on('nr.run_id', '=', 'r.id').andOnVal('nr.unique_id', '=', args.uniqueId).andOnVal('nr.tenant_id', '=', tenantId);
    })
    .join('environments as e', (j) => {
      j.on('e.id', '=', 'r.environment_id').andOnVal('e.tenant_id', '=', tenantId);
    })
    .where({ 'r.tenant_id': tenantId, 'r.project_id': args.projectId });
  if (args.environmentId) void q.andWhere('r.environment_id', args.environmentId);
  const rows = (await q
    .select(
      'r.id as run_id', 'r.status as run_status', 'r.created_at as run_created_at', 'r.plan_id', 'r.environment_id', 'e.name as environment_name',
      'nr.status', 'nr.attempt', 'nr.started_at', 'nr.completed_at', 'nr.execution_time', 'nr.message',
    )
    .orderBy([{ column: 'r.created_at', order: 'desc' }, { column: 'r.id', order: 'desc' }, { column: 'nr.attempt', order: 'desc' }])
    .limit(limit)) as Record<string, unknown>[];
  return rows.map((r) => ({
    runId: String(r.run_id),
    runStatus: String(r.run_status) as RunStatus,
    runCreatedAt: String(r.run_created_at),
    planId: String(r.plan_id),
    environment: { id: String(r.environment_id), name: String(r.environment_name) },
    status: String(r.status),
    attempt: Number(r.attempt),
    startedAt: nullable(r.started_at),
    completedAt: nullable(r.completed_at),
    executionTime: r.execution_time === null || r.execution_time === undefined ? null : Number(r.execution_time),
    message: nullable(r.message),
  }));
}
