import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import { isoNow } from '../../rows';

/** Revokes a token of the tenant; revoking twice keeps the first revocation time. */
export async function revokeApiToken({ db, tenantId, id, now }: { db: Knex; tenantId: string; id: string; now?: Date }): Promise<void> {
  const row = (await db('api_tokens').where({ tenant_id: tenantId, id }).first('revoked_at')) as { revoked_at: unknown } | undefined;
  if (!row) throw new NotFoundError('api token', id);
  if (row.revoked_at === null) await db('api_tokens').where({ tenant_id: tenantId, id }).update({ revoked_at: isoNow(now) });
}
