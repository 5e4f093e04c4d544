import type { Knex } from 'knex';
import type { RunSample, TrendRunStatus } from '../../../domain/runs/trends';
import { nullable } from '../../rows';

export interface RunTrendInputs {
  /** One sample per run of the project created in [from, until), oldest first. */
  readonly samples: RunSample[];
  /** The project's runs in `awaiting_approval` now, whenever created. */
  readonly awaitingApproval: number;
}

/**
 * What the run trends are built from (domain/runs/trends.ts): one row per run created in the window
 * (index `runs(tenant_id, project_id, created_at)`), with the sum of its node attempts' execution time
 * (a correlated sum over `node_runs(run_id, ...)`) and two numbers read from its plan's JSON body in
 * SQL, so plan bodies never leave the database. O(runs in window + their node rows). Always scoped by
 * tenant, on every table.
 */
export async function readRunTrendInputs(args: {
  db: Knex;
  tenantId: string;
  projectId: string;
  environmentId: string | null;
  /** ISO 8601 UTC instants: created_at >= from and < until (stored times compare as strings). */
  from: string;
  until: string;
}): Promise<RunTrendInputs> {
  const { db, tenantId, projectId, environmentId } = args;
  const pg = db.client.config.client === 'pg';
  // The two paths are constants of this file, never input.
  const planNumber = (path: PlanNumberPath): Knex.Raw =>
    pg ? db.raw(`(p.body::json #>> '{${path.join(',')}}')::double precision`) : db.raw(`json_extract(p.body, '$.${path.join('.')}')`);
  const nodeSeconds = db('node_runs as n')
    .sum('n.execution_time')
    .where('n.tenant_id', db.ref('r.tenant_id'))
    .andWhere('n.run_id', db.ref('r.id'));
  const q = db('runs as r')
    .join('plans as p', (j) => j.on('p.id', '=', 'r.plan_id').andOn('p.tenant_id', '=', 'r.tenant_id'))
    .where('r.tenant_id', tenantId)
    .andWhere('r.project_id', projectId)
    .andWhere('r.created_at', '>=', args.from)
    .andWhere('r.created_at', '<', args.until)
    .select('r.status', 'r.created_at', 'r.started_at', 'r.finished_at')
    .select({ node_seconds: nodeSeconds, estimated_cost: planNumber(['totals', 'estimatedCost']), cost_rate: planNumber(['settings', 'costRatePerHour']) })
    .orderBy([{ column: 'r.created_at' }, { column: 'r.id' }]);
  if (environmentId !== null) void q.andWhere('r.environment_id', environmentId);
  // On the index runs(tenant_id, project_id, status, created_at): only the waiting runs are read.
  const waiting = db('runs').where({ tenant_id: tenantId, project_id: projectId, status: 'awaiting_approval' }).count({ n: '*' });
  if (environmentId !== null) void waiting.andWhere({ environment_id: environmentId });
  const rows = (await q) as Record<string, unknown>[];
  const [counted] = (await waiting) as Array<{ n: number | string }>;
  return { samples: rows.map(mapSample), awaitingApproval: Number(counted?.n ?? 0) };
}

type PlanNumberPath = readonly ['totals', 'estimatedCost'] | readonly ['settings', 'costRatePerHour'];

const mapSample = (r: Record<string, unknown>): RunSample => ({
  status: String(r.status) as TrendRunStatus,
  createdAt: String(r.created_at),
  startedAt: nullable(r.started_at),
  finishedAt: nullable(r.finished_at),
  // A run with no node rows sums to null.
  nodeSeconds: numberOrNull(r.node_seconds) ?? 0,
  estimatedCost: numberOrNull(r.estimated_cost),
  costRatePerHour: numberOrNull(r.cost_rate),
});

/** pg answers doubles as numbers and bigints as strings; SQLite numbers or null. */
function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
