import type { Knex } from 'knex';
import type { ApiToken } from '../../types';
import { mapApiToken } from './mapApiToken';

export async function listApiTokens({ db, tenantId }: { db: Knex; tenantId: string }): Promise<ApiToken[]> {
  const rows = (await db('api_tokens').where({ tenant_id: tenantId }).orderBy([{ column: 'created_at' }, { column: 'id' }])) as Record<string, unknown>[];
  return rows.map(mapApiToken);
}
