import { Body, Controller, Delete, Get, Patch, Path, Post, Request, Response, Route, Security, SuccessResponse, Tags } from 'tsoa';
import type { Request as ExRequest } from 'express';
import { createOrg } from '../../store/operations/orgs/createOrg';
import { deleteOrg } from '../../store/operations/orgs/deleteOrg';
import { getOrg } from '../../store/operations/orgs/getOrg';
import { listOrgs } from '../../store/operations/orgs/listOrgs';
import { updateOrg } from '../../store/operations/orgs/updateOrg';
import type { Org } from '../../store/types';
import type { Problem } from '../problem';
import type { ApiDeps } from '../deps';
import { parseInput } from '../input';
import { createOrgBody, renameBody } from '../schemas';
import { idParam, tenantScope } from './scope';

interface CreateOrg {
  slug: string;
  name: string;
}
interface RenameOrg {
  name: string;
}

@Route('api/v1/tenants/{tenantId}/orgs')
@Tags('orgs')
export class OrgsController extends Controller {
  constructor(private readonly deps: ApiDeps) {
    super();
  }

  @Get()
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async listOrgs(@Request() req: ExRequest, @Path() tenantId: string): Promise<Org[]> {
    tenantScope(req, tenantId);
    return listOrgs({ db: this.deps.store.db, tenantId });
  }

  @Post()
  @Security('sluice', ['editor'])
  @SuccessResponse(201, 'Created')
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async createOrg(@Request() req: ExRequest, @Path() tenantId: string, @Body() body: CreateOrg): Promise<Org> {
    tenantScope(req, tenantId);
    const input = parseInput(createOrgBody, body, 'org');
    this.setStatus(201);
    return createOrg({ db: this.deps.store.db, tenantId, ...input });
  }

  @Get('{orgId}')
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async getOrg(@Request() req: ExRequest, @Path() tenantId: string, @Path() orgId: string): Promise<Org> {
    tenantScope(req, tenantId);
    return getOrg({ db: this.deps.store.db, tenantId, id: idParam(orgId, 'org') });
  }

  @Patch('{orgId}')
  @Security('sluice', ['editor'])
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async renameOrg(@Request() req: ExRequest, @Path() tenantId: string, @Path() orgId: string, @Body() body: RenameOrg): Promise<Org> {
    tenantScope(req, tenantId);
    const { name } = parseInput(renameBody, body, 'org');
    return updateOrg({ db: this.deps.store.db, tenantId, id: idParam(orgId, 'org'), name });
  }

  @Delete('{orgId}')
  @Security('sluice', ['admin'])
  @SuccessResponse(204, 'Deleted')
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async deleteOrg(@Request() req: ExRequest, @Path() tenantId: string, @Path() orgId: string): Promise<void> {
    tenantScope(req, tenantId);
    await deleteOrg({ db: this.deps.store.db, tenantId, id: idParam(orgId, 'org') });
    this.setStatus(204);
  }
}
