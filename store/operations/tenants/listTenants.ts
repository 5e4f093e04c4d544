import type { Knex } from 'knex';
import type { Tenant } from '../../types';
import { mapTenant } from './mapTenant';

/** Every tenant: for the local admin only (a token sees its own tenant through getTenant). */
export async function listTenants({ db }: { db: Knex }): Promise<Tenant[]> {
  const rows = (await db('tenants').orderBy([{ column: 'created_at' }, { column: 'id' }])) as Record<string, unknown>[];
  return rows.map(mapTenant);
}
