import type { Knex } from 'knex';
import { findApiTokenBySecret } from '../../store/operations/tokens/findApiTokenBySecret';
import type { Principal } from './principal';

/**
 * Turns request credentials into a Principal, or null when there are none that are valid. One
 * implementation is chosen at the composition root (API tokens; tokens + local admin on `sluice dev`;
 * OIDC later).
 */
export interface Authenticator {
  authenticate(credentials: { readonly authorization: string | undefined }): Promise<Principal | null>;
}

const bearer = (header: string | undefined): string | null => {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1] ?? null;
};

/** API tokens (`Authorization: Bearer slc_...`), looked up by hash. */
export function createTokenAuthenticator({ db }: { db: Knex }): Authenticator {
  return {
    async authenticate({ authorization }) {
      const secret = bearer(authorization);
      if (!secret) return null;
      const token = await findApiTokenBySecret({ db, secret });
      return token ? { kind: 'token', tokenId: token.id, tenantId: token.tenantId, role: token.role } : null;
    },
  };
}

/**
 * The embedded default: a request with a valid token acts as that token; a request without any
 * credentials is the single local admin. (A wrong token is still refused, never upgraded.)
 */
export function createLocalAdminAuthenticator(tokens: Authenticator): Authenticator {
  return {
    async authenticate(credentials) {
      if (credentials.authorization === undefined) return { kind: 'local_admin', role: 'admin' };
      return tokens.authenticate(credentials);
    },
  };
}
