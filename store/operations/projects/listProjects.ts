import type { Knex } from 'knex';
import type { Project } from '../../types';
import { mapProject } from './mapProject';

export async function listProjects({ db, tenantId, orgId }: { db: Knex; tenantId: string; orgId?: string }): Promise<Project[]> {
  const q = db('projects').where({ tenant_id: tenantId });
  if (orgId) void q.andWhere({ org_id: orgId });
  const rows = (await q.orderBy([{ column: 'created_at' }, { column: 'id' }])) as Record<string, unknown>[];
  return rows.map(mapProject);
}
