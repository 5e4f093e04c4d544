import { Body, Controller, Delete, Get, Path, Post, Request, Response, Route, Security, SuccessResponse, Tags } from 'tsoa';
import type { Request as ExRequest } from 'express';
import { createApiToken } from '../../store/operations/tokens/createApiToken';
import { listApiTokens } from '../../store/operations/tokens/listApiTokens';
import { revokeApiToken } from '../../store/operations/tokens/revokeApiToken';
import type { ApiToken, Role } from '../../store/types';
import type { Problem } from '../problem';
import type { ApiDeps } from '../deps';
import { parseInput } from '../input';
import { createTokenBody } from '../schemas';
import { idParam, tenantScope } from './scope';

interface CreateToken {
  name: string;
  role: Role;
  /** ISO 8601; the token stops working then. */
  expiresAt?: string;
}

interface CreatedToken {
  token: ApiToken;
  /** The secret, shown this once: only its hash is stored. */
  secret: string;
}

@Route('api/v1/tenants/{tenantId}/tokens')
@Tags('tokens')
export class TokensController extends Controller {
  constructor(private readonly deps: ApiDeps) {
    super();
  }

  @Post()
  @Security('sluice', ['admin'])
  @SuccessResponse(201, 'Created')
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async createToken(@Request() req: ExRequest, @Path() tenantId: string, @Body() body: CreateToken): Promise<CreatedToken> {
    tenantScope(req, tenantId);
    const input = parseInput(createTokenBody, body, 'token');
    this.setStatus(201);
    this.setHeader('Cache-Control', 'no-store');
    return createApiToken({ db: this.deps.store.db, tenantId, name: input.name, role: input.role, expiresAt: input.expiresAt ?? null });
  }

  @Get()
  @Security('sluice', ['admin'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async listTokens(@Request() req: ExRequest, @Path() tenantId: string): Promise<ApiToken[]> {
    tenantScope(req, tenantId);
    return listApiTokens({ db: this.deps.store.db, tenantId });
  }

  @Delete('{tokenId}')
  @Security('sluice', ['admin'])
  @SuccessResponse(204, 'Revoked')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async revokeToken(@Request() req: ExRequest, @Path() tenantId: string, @Path() tokenId: string): Promise<void> {
    tenantScope(req, tenantId);
    await revokeApiToken({ db: this.deps.store.db, tenantId, id: idParam(tokenId, 'token') });
    this.setStatus(204);
  }
}
