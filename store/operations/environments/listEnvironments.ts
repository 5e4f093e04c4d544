import type { Knex } from 'knex';
import type { Environment } from '../../types';
import { mapEnvironment } from './mapEnvironment';

export async function listEnvironments({ db, tenantId, projectId }: { db: Knex; tenantId: string; projectId: string }): Promise<Environment[]> {
  const rows = (await db('environments')
    .where({ tenant_id: tenantId, project_id: projectId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }])) as Record<string, unknown>[];
  return rows.map(mapEnvironment);
}
