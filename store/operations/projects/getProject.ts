import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import type { Project } from '../../types';
import { mapProject } from './mapProject';

export async function getProject({ db, tenantId, id }: { db: Knex; tenantId: string; id: string }): Promise<Project> {
  const row = (await db('projects').where({ tenant_id: tenantId, id }).first()) as Record<string, unknown> | undefined;
  if (!row) throw new NotFoundError('project', id);
  return mapProject(row);
}
