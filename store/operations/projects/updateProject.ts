import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import type { Project } from '../../types';
import { getProject } from './getProject';

export async function updateProject({ db, tenantId, id, name }: { db: Knex; tenantId: string; id: string; name: string }): Promise<Project> {
  const n = await db('projects').where({ tenant_id: tenantId, id }).update({ name });
  if (n === 0) throw new NotFoundError('project', id);
  return getProject({ db, tenantId, id });
}
