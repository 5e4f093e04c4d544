import type { Knex } from 'knex';
import type { Run } from '../../types';
import { mapRun } from './mapRun';

/** A tenant's runs, newest first, optionally for one project. */
export async function listRuns(args: { db: Knex; tenantId: string; projectId?: string; limit: number }): Promise<Run[]> {
  const q = args.db('runs').where({ tenant_id: args.tenantId });
  if (args.projectId) void q.andWhere({ project_id: args.projectId });
  const rows = (await q.orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(args.limit)) as Record<string, unknown>[];
  return rows.map(mapRun);
}
