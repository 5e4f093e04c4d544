import type { Request } from 'express';
import { depsOf } from '../deps';
import { HttpProblem } from '../problem';
import { hasRole, isRole, type Principal } from './principal';

/**
 * tsoa's authentication module: `@Security('sluice', ['editor'])` calls this with the least role the
 * route needs. The result becomes `request.user`.
 */
export async function expressAuthentication(request: Request, securityName: string, scopes?: string[]): Promise<Principal> {
  if (securityName !== 'sluice') throw new Error(`unknown security scheme ${securityName}`);
  const principal = await depsOf(request).authenticator.authenticate({ authorization: request.headers.authorization });
  if (!principal) throw new HttpProblem(401, 'unauthenticated', 'Unauthenticated', 'a valid API token is required (Authorization: Bearer ...)');
  const needed = scopes?.[0] ?? 'viewer';
  if (!isRole(needed)) throw new Error(`unknown role ${needed}`);
  if (!hasRole(principal, needed)) throw new HttpProblem(403, 'forbidden', 'Forbidden', `this needs the ${needed} role`);
  return principal;
}
