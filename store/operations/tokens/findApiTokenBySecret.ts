import type { Knex } from 'knex';
import { isoNow } from '../../rows';
import type { ApiToken } from '../../types';
import { hashToken } from './hashToken';
import { mapApiToken } from './mapApiToken';

/** The live token whose secret is `secret`, or null (unknown, revoked or expired). Marks it used. */
export async function findApiTokenBySecret({ db, secret, now }: { db: Knex; secret: string; now?: Date }): Promise<ApiToken | null> {
  const at = isoNow(now);
  const row = (await db('api_tokens').where({ token_hash: hashToken(secret) }).first()) as Record<string, unknown> | undefined;
  if (!row) return null;
  const token = mapApiToken(row);
  if (token.revokedAt !== null || (token.expiresAt !== null && token.expiresAt <= at)) return null;
  await db('api_tokens').where({ id: token.id }).update({ last_used_at: at });
  return { ...token, lastUsedAt: at };
}
