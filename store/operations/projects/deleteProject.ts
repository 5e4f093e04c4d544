import type { Knex } from 'knex';
import { asConflict, NotFoundError } from '../../errors';

/** Deletes a project without environments or versions; otherwise a conflict (nothing is deleted). */
export async function deleteProject({ db, tenantId, id }: { db: Knex; tenantId: string; id: string }): Promise<void> {
  let n: number;
  try {
    n = await db('projects').where({ tenant_id: tenantId, id }).delete();
  } catch (err) {
    asConflict(err, `project ${id}`);
  }
  if (n === 0) throw new NotFoundError('project', id);
}
