import { Controller, Get, Path, Query, Request, Response, Route, Security, Tags } from 'tsoa';
import type { Request as ExRequest } from 'express';
import { z } from 'zod';
import { buildRunTrends, MAX_TREND_DAYS, trendWindow, type RunTrends } from '../../domain/runs/trends';
import { NotFoundError } from '../../store/errors';
import { getEnvironment } from '../../store/operations/environments/getEnvironment';
import { getProject } from '../../store/operations/projects/getProject';
import { readRunTrendInputs } from '../../store/operations/runs/trends';
import type { ApiDeps } from '../deps';
import { parseInput } from '../input';
import type { Problem } from '../problem';
import { idParam, tenantScope } from './scope';

/** A project's run trends, for one environment or all of them. */
export interface ProjectRunTrends extends RunTrends {
  readonly projectId: string;
  /** The environment the trends are for; null for every environment of the project. */
  readonly environmentId: string | null;
}

const trendsQuery = z.object({
  days: z.number().int().min(1).max(MAX_TREND_DAYS).default(30),
  environmentId: z.uuid().optional(),
});

/** Aggregates of a project's runs for its dashboard: daily outcomes, durations and costs. */
@Route('api/v1/tenants/{tenantId}/projects/{projectId}/run-trends')
@Tags('runs')
export class TrendsController extends Controller {
  constructor(private readonly deps: ApiDeps) {
    super();
  }

  /**
   * The project's runs of the last `days` UTC days (today included), one bucket per day, oldest first,
   * days without runs included: runs created that day by outcome, success rate, p50 and p95 wall
   * duration, node-seconds, estimated cost (the plans' `totals.estimatedCost`, for the runs that
   * started) and actual cost (node-seconds × the plan's `costRatePerHour` / 3600); totals over the
   * window, and how many runs await an approval now.
   * @param days 1 to 365, default 30
   * @param environmentId only this environment's runs
   */
  @Get()
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async getRunTrends(
    @Request() req: ExRequest,
    @Path() tenantId: string,
    @Path() projectId: string,
    @Query() days?: number,
    @Query() environmentId?: string,
  ): Promise<ProjectRunTrends> {
    tenantScope(req, tenantId);
    const q = parseInput(trendsQuery, { days, environmentId }, 'run trends query');
    const db = this.deps.store.db;
    const project = await getProject({ db, tenantId, id: idParam(projectId, 'project') });
    if (q.environmentId !== undefined) {
      const env = await getEnvironment({ db, tenantId, id: q.environmentId });
      if (env.projectId !== project.id) throw new NotFoundError('environment', q.environmentId);
    }
    const window = trendWindow(Date.now(), q.days);
    const environment = q.environmentId ?? null;
    const inputs = await readRunTrendInputs({ db, tenantId, projectId: project.id, environmentId: environment, from: window.from, until: window.until });
    return { projectId: project.id, environmentId: environment, ...buildRunTrends({ window, samples: inputs.samples, awaitingApproval: inputs.awaitingApproval }) };
  }
}
