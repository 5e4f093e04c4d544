import type { Request } from 'express';
import { NotFoundError } from '../../store/errors';
import { canAccessTenant, type Principal } from '../auth/principal';
import { principalOf } from '../deps';
import { parseInput } from '../input';
import { uuidParam } from '../schemas';

/**
 * Checks a path's tenant id against the caller. Another tenant's id answers exactly like a missing
 * one (404), so a token cannot even learn which tenants exist.
 */
export function tenantScope(req: Request, tenantId: string): Principal {
  const principal = principalOf(req);
  if (!uuidParam.safeParse(tenantId).success || !canAccessTenant(principal, tenantId)) throw new NotFoundError('tenant', tenantId);
  return principal;
}

/** A path id must be a UUID; anything else cannot name a stored object. */
export const idParam = (value: string, what: string): string => parseInput(uuidParam, value, `${what} id`);
