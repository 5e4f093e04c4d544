import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import type { Tenant } from '../../types';
import { getTenant } from './getTenant';

export async function updateTenant({ db, id, name }: { db: Knex; id: string; name: string }): Promise<Tenant> {
  const n = await db('tenants').where({ id }).update({ name });
  if (n === 0) throw new NotFoundError('tenant', id);
  return getTenant({ db, id });
}
