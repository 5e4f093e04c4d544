import type { Knex } from 'knex';
import { asConflict, NotFoundError } from '../../errors';

export async function deleteEnvironment({ db, tenantId, id }: { db: Knex; tenantId: string; id: string }): Promise<void> {
  let n: number;
  try {
    n = await db('environments').where({ tenant_id: tenantId, id }).delete();
  } catch (err) {
    asConflict(err, `environment ${id}`);
  }
  if (n === 0) throw new NotFoundError('environment', id);
}
