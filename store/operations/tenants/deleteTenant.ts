import type { Knex } from 'knex';
import { asConflict, NotFoundError } from '../../errors';

/** Deletes an empty tenant; one that still owns objects is a conflict (nothing is deleted). */
export async function deleteTenant({ db, id }: { db: Knex; id: string }): Promise<void> {
  let n: number;
  try {
    n = await db('tenants').where({ id }).delete();
  } catch (err) {
    asConflict(err, `tenant ${id}`);
  }
  if (n === 0) throw new NotFoundError('tenant', id);
}
