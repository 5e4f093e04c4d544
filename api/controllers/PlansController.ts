import { Body, Controller, Get, Path, Post, Request, Response, Route, Security, SuccessResponse, Tags } from 'tsoa';
import type { Request as ExRequest } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../../store/errors';
import { getPlan } from '../../store/operations/plans/getPlan';
import type { Problem } from '../problem';
import type { ApiDeps } from '../deps';
import { parseInput } from '../input';
import { createProjectPlan, planResource, type PlanResource } from '../services/plans';
import { idParam, tenantScope } from './scope';

interface CreatePlan {
  environmentId: string;
  /** The project version to plan; the newest one when omitted. */
  versionId?: string;
  /** dbt `--select` expression (space-separated union, `,` intersection, graph operators, methods). */
  select?: string;
  /** dbt `--exclude` expression. */
  exclude?: string;
  /** dbt `--selector`: a YAML selector of the manifest (it replaces select and exclude). */
  selector?: string;
  /** Rebuild incremental models and seeds from scratch (beats automatic skips). */
  fullRefresh?: boolean;
  /** unique_ids the user names explicitly, besides those named in `select` (they beat automatic skips and budget drops). */
  named?: string[];
}

const expression = z.string().trim().min(1).max(10_000);
export const createPlanBody = z
  .strictObject({
    environmentId: z.uuid(),
    versionId: z.uuid().optional(),
    select: expression.optional(),
    exclude: expression.optional(),
    selector: z.string().trim().min(1).max(200).optional(),
    fullRefresh: z.boolean().optional(),
    named: z.array(z.string().min(1).max(512)).max(10_000).optional(),
  })
  .refine((b) => b.selector === undefined || (b.select === undefined && b.exclude === undefined), {
    message: 'give either selector, or select and exclude, not both',
    path: ['selector'],
  });

/** Execution plans: built server-side from a stored version, an environment and its history; immutable. */
@Route('api/v1/tenants/{tenantId}/projects/{projectId}/plans')
@Tags('plans')
export class PlansController extends Controller {
  constructor(private readonly deps: ApiDeps) {
    super();
  }

  /**
   * Builds, stores and returns a plan. A bad selection answers 400 `invalid-selector` with dbt's
   * message; the same plan content (same hash) is stored once.
   */
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
  public async createPlan(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Body() body: CreatePlan): Promise<PlanResource> {
    const principal = tenantScope(req, tenantId);
    const input = parseInput(createPlanBody, body, 'plan request');
    const plan = await createProjectPlan({ store: this.deps.store, blobs: this.deps.blobs, versions: this.deps.versions, principal, tenantId, projectId: idParam(projectId, 'project'), input });
    this.setStatus(201);
    return plan;
  }

  @Get('{planId}')
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async getPlan(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Path() planId: string): Promise<PlanResource> {
    tenantScope(req, tenantId);
    const plan = await getPlan({ db: this.deps.store.db, tenantId, id: idParam(planId, 'plan') });
    if (plan.projectId !== projectId) throw new NotFoundError('plan', planId);
    return planResource(plan);
  }
}
