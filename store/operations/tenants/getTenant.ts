import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import type { Tenant } from '../../types';
import { mapTenant } from './mapTenant';

export async function getTenant({ db, id }: { db: Knex; id: string }): Promise<Tenant> {
  const row = (await db('tenants').where({ id }).first()) as Record<string, unknown> | undefined;
  if (!row) throw new NotFoundError('tenant', id);
  return mapTenant(row);
}
