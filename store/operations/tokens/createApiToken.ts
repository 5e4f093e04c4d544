import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { isoNow, newId } from '../../rows';
import type { ApiToken, Role } from '../../types';
import { getTenant } from '../tenants/getTenant';
import { hashToken } from './hashToken';

/**
 * Creates a token for a tenant and returns its secret: the only time it exists in clear. Only the
 * sha256 of the secret is stored.
 */
export async function createApiToken(args: {
  db: Knex;
  tenantId: string;
  name: string;
  role: Role;
  expiresAt?: string | null;
  now?: Date;
}): Promise<{ token: ApiToken; secret: string }> {
  const { db, tenantId, name, role } = args;
  await getTenant({ db, id: tenantId });
  const prefix = `slc_${randomBytes(4).toString('hex')}`;
  const secret = `${prefix}_${randomBytes(24).toString('base64url')}`;
  const token: ApiToken = {
    id: newId(),
    tenantId,
    name,
    role,
    prefix,
    createdAt: isoNow(args.now),
    expiresAt: args.expiresAt ?? null,
    revokedAt: null,
    lastUsedAt: null,
  };
  await db('api_tokens').insert({
    id: token.id,
    tenant_id: tenantId,
    name,
    role,
    token_hash: hashToken(secret),
    prefix,
    created_at: token.createdAt,
    expires_at: token.expiresAt,
  });
  return { token, secret };
}
