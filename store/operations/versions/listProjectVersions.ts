import type { Knex } from 'knex';
import type { ProjectVersion } from '../../types';
import { mapProjectVersion } from './mapProjectVersion';

/** A project's versions, newest first. */
export async function listProjectVersions({ db, tenantId, projectId }: { db: Knex; tenantId: string; projectId: string }): Promise<ProjectVersion[]> {
  const rows = (await db('project_versions')
    .where({ tenant_id: tenantId, project_id: projectId })
    .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }])) as Record<string, unknown>[];
  return rows.map(mapProjectVersion);
}
