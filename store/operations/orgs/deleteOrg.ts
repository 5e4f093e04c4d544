import type { Knex } from 'knex';
import { asConflict, NotFoundError } from '../../errors';

/** Deletes an org without projects; one with projects is a conflict (nothing is deleted). */
export async function deleteOrg({ db, tenantId, id }: { db: Knex; tenantId: string; id: string }): Promise<void> {
  let n: number;
  try {
    n = await db('orgs').where({ tenant_id: tenantId, id }).delete();
  } catch (err) {
    asConflict(err, `org ${id}`);
  }
  if (n === 0) throw new NotFoundError('org', id);
}
