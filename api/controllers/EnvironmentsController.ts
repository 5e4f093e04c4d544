import { Body, Controller, Delete, Get, Patch, Path, Post, Request, Response, Route, Security, SuccessResponse, Tags } from 'tsoa';
import type { Request as ExRequest } from 'express';
import { createEnvironment } from '../../store/operations/environments/createEnvironment';
import { deleteEnvironment } from '../../store/operations/environments/deleteEnvironment';
import { getEnvironment } from '../../store/operations/environments/getEnvironment';
import { listEnvironments } from '../../store/operations/environments/listEnvironments';
import { updateEnvironment } from '../../store/operations/environments/updateEnvironment';
import { getProject } from '../../store/operations/projects/getProject';
import { NotFoundError } from '../../store/errors';
import type { Environment } from '../../store/types';
import type { Problem } from '../problem';
import type { ApiDeps } from '../deps';
import { parseInput } from '../input';
import { createEnvironmentBody, updateEnvironmentBody } from '../schemas';
import { idParam, tenantScope } from './scope';

interface CreateEnvironment {
  name: string;
  /** The dbt target (profile output) this environment runs against. */
  target: string;
  /** Secrets by reference and policy settings; never secret values. */
  settings?: Record<string, unknown>;
}
interface UpdateEnvironment {
  target?: string;
  settings?: Record<string, unknown>;
}

@Route('api/v1/tenants/{tenantId}/projects/{projectId}/environments')
@Tags('environments')
export class EnvironmentsController extends Controller {
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
  public async listEnvironments(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string): Promise<Environment[]> {
    tenantScope(req, tenantId);
    const project = await getProject({ db: this.deps.store.db, tenantId, id: idParam(projectId, 'project') });
    return listEnvironments({ db: this.deps.store.db, tenantId, projectId: project.id });
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
  public async createEnvironment(
    @Request() req: ExRequest,
    @Path() tenantId: string,
    @Path() projectId: string,
    @Body() body: CreateEnvironment,
  ): Promise<Environment> {
    tenantScope(req, tenantId);
    const input = parseInput(createEnvironmentBody, body, 'environment');
    const env = await createEnvironment({ db: this.deps.store.db, tenantId, projectId: idParam(projectId, 'project'), ...input });
    this.setStatus(201);
    return env;
  }

  @Get('{environmentId}')
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async getEnvironment(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Path() environmentId: string): Promise<Environment> {
    tenantScope(req, tenantId);
    return this.inProject(tenantId, projectId, environmentId);
  }

  @Patch('{environmentId}')
  @Security('sluice', ['editor'])
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async updateEnvironment(
    @Request() req: ExRequest,
    @Path() tenantId: string,
    @Path() projectId: string,
    @Path() environmentId: string,
    @Body() body: UpdateEnvironment,
  ): Promise<Environment> {
    tenantScope(req, tenantId);
    const input = parseInput(updateEnvironmentBody, body, 'environment');
    const env = await this.inProject(tenantId, projectId, environmentId);
    return updateEnvironment({ db: this.deps.store.db, tenantId, id: env.id, ...input });
  }

  @Delete('{environmentId}')
  @Security('sluice', ['admin'])
  @SuccessResponse(204, 'Deleted')
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async deleteEnvironment(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Path() environmentId: string): Promise<void> {
    tenantScope(req, tenantId);
    const env = await this.inProject(tenantId, projectId, environmentId);
    await deleteEnvironment({ db: this.deps.store.db, tenantId, id: env.id });
    this.setStatus(204);
  }

  private async inProject(tenantId: string, projectId: string, environmentId: string): Promise<Environment> {
    const env = await getEnvironment({ db: this.deps.store.db, tenantId, id: idParam(environmentId, 'environment') });
    if (env.projectId !== projectId) throw new NotFoundError('environment', environmentId);
    return env;
  }
}
