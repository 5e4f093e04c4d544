import type { Knex } from 'knex';
import type { Org } from '../../types';
import { mapOrg } from './mapOrg';

export async function listOrgs({ db, tenantId }: { db: Knex; tenantId: string }): Promise<Org[]> {
  const rows = (await db('orgs').where({ tenant_id: tenantId }).orderBy([{ column: 'created_at' }, { column: 'id' }])) as Record<string, unknown>[];
  return rows.map(mapOrg);
}
