import type { Knex } from 'knex';
import type { Run, RunStatus } from '../../types';
import { mapRun } from './mapRun';

/** What a run listing may be narrowed to; each filter is applied in SQL, before the limit. */
export interface RunFilter {
  readonly status?: RunStatus | undefined;
  readonly environmentId?: string | undefined;
  readonly planId?: string | undefined;
  /** Created at or after this ISO 8601 UTC instant (the store's own format, so text order is time order). */
  readonly createdAfter?: string | undefined;
  /** Created before this ISO 8601 UTC instant. */
  readonly createdBefore?: string | undefined;
}

/**
 * A tenant's runs, newest first, optionally for one project and narrowed by `filter`. With a project,
 * the indexes runs(tenant_id, project_id, created_at) and, with a status, runs(tenant_id, project_id,
 * status, created_at) answer it; so an old run in a rare status is found however many runs came after.
 */
export async function listRuns(args: { db: Knex; tenantId: string; projectId?: string; filter?: RunFilter; limit: number }): Promise<Run[]> {
  const q = args.db('runs').where({ tenant_id: args.tenantId });
  if (args.projectId) void q.andWhere({ project_id: args.projectId });
  const { status, environmentId, planId, createdAfter, createdBefore } = args.filter ?? {};
  if (status !== undefined) void q.andWhere({ status });
  if (environmentId !== undefined) void q.andWhere({ environment_id: environmentId });
  if (planId !== undefined) void q.andWhere({ plan_id: planId });
  if (createdAfter !== undefined) void q.andWhere('created_at', '>=', createdAfter);
  if (createdBefore !== undefined) void q.andWhere('created_at', '<', createdBefore);
  const rows = (await q.orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(args.limit)) as Record<string, unknown>[];
  return rows.map(mapRun);
}
