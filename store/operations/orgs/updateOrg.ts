import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import type { Org } from '../../types';
import { getOrg } from './getOrg';

export async function updateOrg({ db, tenantId, id, name }: { db: Knex; tenantId: string; id: string; name: string }): Promise<Org> {
  const n = await db('orgs').where({ tenant_id: tenantId, id }).update({ name });
  if (n === 0) throw new NotFoundError('org', id);
  return getOrg({ db, tenantId, id });
}
