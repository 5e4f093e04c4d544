import { Body, Controller, Delete, Get, Patch, Path, Post, Request, Response, Route, Security, SuccessResponse, Tags } from 'tsoa';
import type { Request as ExRequest } from 'express';
import { createTenant } from '../../store/operations/tenants/createTenant';
import { deleteTenant } from '../../store/operations/tenants/deleteTenant';
import { getTenant } from '../../store/operations/tenants/getTenant';
import { listTenants } from '../../store/operations/tenants/listTenants';
import { updateTenant } from '../../store/operations/tenants/updateTenant';
import type { Tenant } from '../../store/types';
import type { ApiDeps } from '../deps';
import { principalOf } from '../deps';
import { parseInput } from '../input';
import { HttpProblem, type Problem } from '../problem';
import { createTenantBody, renameBody } from '../schemas';
import { tenantScope } from './scope';

interface CreateTenant {
  slug: string;
  name: string;
}
interface Rename {
  name: string;
}

const onlyLocalAdmin = (req: ExRequest): void => {
  if (principalOf(req).kind !== 'local_admin') throw new HttpProblem(403, 'forbidden', 'Forbidden', 'only the platform admin creates or deletes tenants');
};

@Route('api/v1/tenants')
@Tags('tenants')
export class TenantsController extends Controller {
  constructor(private readonly deps: ApiDeps) {
    super();
  }

  /** The tenants the caller can see: all for the platform admin, its own for a token. */
  @Get()
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async listTenants(@Request() req: ExRequest): Promise<Tenant[]> {
    const p = principalOf(req);
    const db = this.deps.store.db;
    return p.kind === 'local_admin' ? listTenants({ db }) : [await getTenant({ db, id: p.tenantId })];
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
  public async createTenant(@Request() req: ExRequest, @Body() body: CreateTenant): Promise<Tenant> {
    onlyLocalAdmin(req);
    const input = parseInput(createTenantBody, body, 'tenant');
    this.setStatus(201);
    return createTenant({ db: this.deps.store.db, ...input });
  }

  @Get('{tenantId}')
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async getTenant(@Request() req: ExRequest, @Path() tenantId: string): Promise<Tenant> {
    tenantScope(req, tenantId);
    return getTenant({ db: this.deps.store.db, id: tenantId });
  }

  @Patch('{tenantId}')
  @Security('sluice', ['admin'])
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async renameTenant(@Request() req: ExRequest, @Path() tenantId: string, @Body() body: Rename): Promise<Tenant> {
    tenantScope(req, tenantId);
    const { name } = parseInput(renameBody, body, 'tenant');
    return updateTenant({ db: this.deps.store.db, id: tenantId, name });
  }

  @Delete('{tenantId}')
  @Security('sluice', ['admin'])
  @SuccessResponse(204, 'Deleted')
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async deleteTenant(@Request() req: ExRequest, @Path() tenantId: string): Promise<void> {
    tenantScope(req, tenantId);
    onlyLocalAdmin(req);
    await deleteTenant({ db: this.deps.store.db, id: tenantId });
    this.setStatus(204);
  }
}
