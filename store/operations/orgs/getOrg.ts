import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import type { Org } from '../../types';
import { mapOrg } from './mapOrg';

export async function getOrg({ db, tenantId, id }: { db: Knex; tenantId: string; id: string }): Promise<Org> {
  const row = (await db('orgs').where({ tenant_id: tenantId, id }).first()) as Record<string, unknown> | undefined;
  if (!row) throw new NotFoundError('org', id);
  return mapOrg(row);
}
