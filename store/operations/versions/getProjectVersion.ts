import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import type { ProjectVersion } from '../../types';
import { mapProjectVersion } from './mapProjectVersion';

export async function getProjectVersion({ db, tenantId, id }: { db: Knex; tenantId: string; id: string }): Promise<ProjectVersion> {
  const row = (await db('project_versions').where({ tenant_id: tenantId, id }).first()) as Record<string, unknown> | undefined;
  if (!row) throw new NotFoundError('project version', id);
  return mapProjectVersion(row);
}
