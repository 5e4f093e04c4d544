import { Body, Controller, Delete, Get, Patch, Path, Post, Query, Request, Response, Route, Security, SuccessResponse, Tags } from 'tsoa';
import type { Request as ExRequest } from 'express';
import { createProject } from '../../store/operations/projects/createProject';
import { deleteProject } from '../../store/operations/projects/deleteProject';
import { getProject } from '../../store/operations/projects/getProject';
import { listProjects } from '../../store/operations/projects/listProjects';
import { updateProject } from '../../store/operations/projects/updateProject';
import type { Project } from '../../store/types';
import type { Problem } from '../problem';
import type { ApiDeps } from '../deps';
import { parseInput } from '../input';
import { createProjectBody, renameBody } from '../schemas';
import { idParam, tenantScope } from './scope';

interface CreateProject {
  orgId: string;
  slug: string;
  name: string;
}
interface RenameProject {
  name: string;
}

@Route('api/v1/tenants/{tenantId}/projects')
@Tags('projects')
export class ProjectsController extends Controller {
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
  public async listProjects(@Request() req: ExRequest, @Path() tenantId: string, @Query() orgId?: string): Promise<Project[]> {
    tenantScope(req, tenantId);
    return listProjects({ db: this.deps.store.db, tenantId, orgId: orgId === undefined ? undefined : idParam(orgId, 'org') });
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
  public async createProject(@Request() req: ExRequest, @Path() tenantId: string, @Body() body: CreateProject): Promise<Project> {
    tenantScope(req, tenantId);
    const input = parseInput(createProjectBody, body, 'project');
    this.setStatus(201);
    return createProject({ db: this.deps.store.db, tenantId, ...input });
  }

  @Get('{projectId}')
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async getProject(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string): Promise<Project> {
    tenantScope(req, tenantId);
    return getProject({ db: this.deps.store.db, tenantId, id: idParam(projectId, 'project') });
  }

  @Patch('{projectId}')
  @Security('sluice', ['editor'])
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async renameProject(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Body() body: RenameProject): Promise<Project> {
    tenantScope(req, tenantId);
    const { name } = parseInput(renameBody, body, 'project');
    return updateProject({ db: this.deps.store.db, tenantId, id: idParam(projectId, 'project'), name });
  }

  @Delete('{projectId}')
  @Security('sluice', ['admin'])
  @SuccessResponse(204, 'Deleted')
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async deleteProject(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string): Promise<void> {
    tenantScope(req, tenantId);
    await deleteProject({ db: this.deps.store.db, tenantId, id: idParam(projectId, 'project') });
    this.setStatus(204);
  }
}
