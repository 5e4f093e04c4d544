import { Body, Controller, Get, Header, Path, Post, Query, Request, Response, Route, Security, SuccessResponse, Tags } from 'tsoa';
import type { Request as ExRequest } from 'express';
import { z } from 'zod';
import { getProject } from '../../store/operations/projects/getProject';
import { listRuns } from '../../store/operations/runs/listRuns';
import type { Run, RunStatus } from '../../store/types';
import { actorOf } from '../auth/principal';
import type { ApiDeps } from '../deps';
import { parseInput } from '../input';
import { HttpProblem, type Problem } from '../problem';
import { listRunArtifacts, runArtifact, type RunArtifact, type RunResultsFile } from '../services/runArtifacts';
import { idempotencyCacheOf, parseIdempotencyKey } from '../services/idempotency';
import { streamRunLogs } from '../services/runLogs';
import { cancelRun, decideRun, type GateDecision } from '../services/runGate';
import { rerunFromFailedRun, type RerunResult } from '../services/runRerun';
import { planInProject, runDetail, runInProject, startPlanRun, temporalOf, type RunDetail, type StartRunResult } from '../services/runs';
import { idParam, tenantScope } from './scope';

interface StartRun {
  planId: string;
  /** Stop everything at the first failure instead of letting other branches finish. */
  failFast?: boolean;
  /** Overrides the plan's concurrency (1 to 500). */
  concurrency?: number;
}

interface Decision {
  /** The plan hash the caller reviewed; refused (409) when the run's plan has another. */
  planHash?: string;
  /** A comment (approve) or the reason (reject), kept in the workflow and the audit log. */
  note?: string;
}

interface CancelRun {
  reason?: string;
}

const hash = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');
const startBody = z.strictObject({ planId: z.uuid(), failFast: z.boolean().optional(), concurrency: z.number().int().min(1).max(500).optional() });
const decisionBody = z.strictObject({ planHash: hash.optional(), note: z.string().trim().min(1).max(2000).optional() });
const cancelBody = z.strictObject({ reason: z.string().trim().min(1).max(2000).optional() });
const STATUSES = ['queued', 'planning', 'awaiting_approval', 'running', 'success', 'warning', 'failed', 'canceled'] as const;
/** An ISO 8601 date-time with an offset, normalised to UTC milliseconds (how the store writes times). */
const instant = z.iso.datetime({ offset: true }).transform((t) => new Date(t).toISOString());
const listQuery = z
  .object({
    status: z.enum(STATUSES).optional(),
    environmentId: z.uuid().optional(),
    planId: z.uuid().optional(),
    createdAfter: instant.optional(),
    createdBefore: instant.optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .refine((q) => q.createdAfter === undefined || q.createdBefore === undefined || q.createdAfter < q.createdBefore, {
    message: 'createdAfter must be before createdBefore',
    path: ['createdBefore'],
  });
const logsQuery = z.object({ after: z.string().min(1).max(64).optional(), follow: z.boolean().optional() });

/**
 * Runs of approved (or approvable) plans, each a durable `planRunWorkflow` on Temporal. Starting,
 * approving, rejecting, cancelling and rerunning need Temporal (503 without it); reading does not.
 */
@Route('api/v1/tenants/{tenantId}/projects/{projectId}/runs')
@Tags('runs')
export class RunsController extends Controller {
  constructor(private readonly deps: ApiDeps) {
    super();
  }

  /**
   * Starts a run of a stored plan. With `Idempotency-Key`, a retry answers 200 with the first run and
   * starts nothing; the same key for another plan is a 409.
   */
  @Post()
  @Security('sluice', ['editor'])
  @SuccessResponse(201, 'Created')
  @Response<StartRunResult>(200, 'A run started before with this Idempotency-Key')
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(503, 'No Temporal connection (temporal-unavailable)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async startRun(
    @Request() req: ExRequest,
    @Path() tenantId: string,
    @Path() projectId: string,
    @Body() body: StartRun,
    @Header('Idempotency-Key') idempotencyKey?: string,
  ): Promise<StartRunResult> {
    const principal = tenantScope(req, tenantId);
    const input = parseInput(startBody, body, 'run request');
    const key = parseIdempotencyKey(idempotencyKey);
    temporalOf(this.deps);
    const plan = await planInProject(this.deps.store, tenantId, idParam(projectId, 'project'), input.planId);
    const options = { ...(input.failFast !== undefined ? { failFast: input.failFast } : {}), ...(input.concurrency !== undefined ? { concurrency: input.concurrency } : {}) };
    const result = await startPlanRun({ deps: this.deps, principal, tenantId, plan, idempotencyKey: key, options });
    this.setStatus(result.created ? 201 : 200);
    return result;
  }

  /**
   * The project's runs, newest first.
   * @param createdAfter only runs created at or after this instant (ISO 8601 with an offset, e.g. 2026-11-23T00:00:00Z)
   * @param createdBefore only runs created before this instant (ISO 8601 with an offset)
   * @param limit at most this many (1 to 200, default 50)
   */
  @Get()
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async listRuns(
    @Request() req: ExRequest,
    @Path() tenantId: string,
    @Path() projectId: string,
    @Query() status?: RunStatus,
    @Query() environmentId?: string,
    @Query() planId?: string,
    @Query() createdAfter?: string,
    @Query() createdBefore?: string,
    @Query() limit?: number,
  ): Promise<Run[]> {
    tenantScope(req, tenantId);
    const q = parseInput(listQuery, { status, environmentId, planId, createdAfter, createdBefore, limit }, 'runs query');
    const project = await getProject({ db: this.deps.store.db, tenantId, id: idParam(projectId, 'project') });
    const filter = { status: q.status, environmentId: q.environmentId, planId: q.planId, createdAfter: q.createdAfter, createdBefore: q.createdBefore };
    return listRuns({ db: this.deps.store.db, tenantId, projectId: project.id, filter, limit: q.limit ?? 50 });
  }

  /** A run with its per-node results, its Temporal Web UI link and the workflow's live status. */
  @Get('{runId}')
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async getRun(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Path() runId: string): Promise<RunDetail> {
    tenantScope(req, tenantId);
    return runDetail(this.deps, await this.run(tenantId, projectId, runId));
  }

  /**
   * Approves the run's plan as the caller. Checks the approver role and separation of duties first;
   * an approval already counted (a retry) is answered `counted: false` and not sent again.
   */
  @Post('{runId}/approve')
  @Security('sluice', ['viewer'])
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(503, 'No Temporal connection (temporal-unavailable)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async approveRun(
    @Request() req: ExRequest,
    @Path() tenantId: string,
    @Path() projectId: string,
    @Path() runId: string,
    @Body() body?: Decision,
    @Header('Idempotency-Key') idempotencyKey?: string,
  ): Promise<GateDecision> {
    return this.decide(req, tenantId, projectId, runId, 'approve', body, idempotencyKey);
  }

  /** Rejects the run's plan: the run ends `canceled` with the reason. */
  @Post('{runId}/reject')
  @Security('sluice', ['viewer'])
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(503, 'No Temporal connection (temporal-unavailable)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async rejectRun(
    @Request() req: ExRequest,
    @Path() tenantId: string,
    @Path() projectId: string,
    @Path() runId: string,
    @Body() body?: Decision,
    @Header('Idempotency-Key') idempotencyKey?: string,
  ): Promise<GateDecision> {
    return this.decide(req, tenantId, projectId, runId, 'reject', body, idempotencyKey);
  }

  /** Cancels the run: running nodes are interrupted, the rest never run; the run ends `canceled`. */
  @Post('{runId}/cancel')
  @Security('sluice', ['editor'])
  @SuccessResponse(202, 'Accepted')
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(503, 'No Temporal connection (temporal-unavailable)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async cancelRun(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Path() runId: string, @Body() body?: CancelRun): Promise<Run> {
    const principal = tenantScope(req, tenantId);
    const input = parseInput(cancelBody, body ?? {}, 'cancel request');
    temporalOf(this.deps);
    const run = await cancelRun({ deps: this.deps, principal, run: await this.run(tenantId, projectId, runId), reason: input.reason });
    this.setStatus(202);
    return run;
  }

  /** Starts a new run of the nodes that failed or did not finish in this (ended) run. */
  @Post('{runId}/rerun')
  @Security('sluice', ['editor'])
  @SuccessResponse(201, 'Created')
  @Response<RerunResult>(200, 'A rerun started before with this Idempotency-Key')
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(503, 'No Temporal connection (temporal-unavailable)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async rerunRun(
    @Request() req: ExRequest,
    @Path() tenantId: string,
    @Path() projectId: string,
    @Path() runId: string,
    @Header('Idempotency-Key') idempotencyKey?: string,
  ): Promise<RerunResult> {
    const principal = tenantScope(req, tenantId);
    const key = parseIdempotencyKey(idempotencyKey);
    temporalOf(this.deps);
    const result = await rerunFromFailedRun({ deps: this.deps, principal, run: await this.run(tenantId, projectId, runId), idempotencyKey: key });
    this.setStatus(result.created ? 201 : 200);
    return result;
  }

  /** The files the run produced (`run_results.json`); empty until the run has ended. */
  @Get('{runId}/artifacts')
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async listRunArtifacts(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Path() runId: string): Promise<RunArtifact[]> {
    tenantScope(req, tenantId);
    return listRunArtifacts(this.deps, await this.run(tenantId, projectId, runId));
  }

  /**
   * Downloads one artifact of an ended run: `run_results.json` in dbt's run_results v6 shape, built from
   * the run's node rows (last attempt of each node), usable as history (`sluice plan --state`).
   */
  @Get('{runId}/artifacts/{name}')
  @Security('sluice', ['viewer'])
  @Response<Problem>(409, 'The run has not ended (conflict/run-not-finished)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async getRunArtifact(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Path() runId: string, @Path() name: string): Promise<RunResultsFile> {
    tenantScope(req, tenantId);
    const { file, sha256 } = await runArtifact(this.deps, await this.run(tenantId, projectId, runId), name);
    this.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    this.setHeader('ETag', `"${sha256}"`);
    return file;
  }

  /**
   * The run's dbt logs as server-sent events (`text/event-stream`): history, then live lines until the
   * run ends (an `end` event). Resume with `Last-Event-ID` or `after`; `follow=false` sends history only.
   */
  @Get('{runId}/logs')
  @SuccessResponse(200, 'Server-sent events (log, end)', 'text/event-stream')
  @Security('sluice', ['viewer'])
  @Response<Problem>(503, 'No bus for live logs (logs-unavailable)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async runLogs(
    @Request() req: ExRequest,
    @Path() tenantId: string,
    @Path() projectId: string,
    @Path() runId: string,
    @Query() after?: string,
    @Query() follow?: boolean,
    @Header('Last-Event-ID') lastEventId?: string,
  ): Promise<void> {
    tenantScope(req, tenantId);
    const q = parseInput(logsQuery, { after: after ?? lastEventId, follow }, 'logs query');
    const run = await this.run(tenantId, projectId, runId);
    const bus = this.deps.bus;
    if (!bus) throw new HttpProblem(503, 'logs-unavailable', 'Logs unavailable', 'this API server has no bus configured for live logs');
    const res = req.res;
    if (!res) throw new Error('express request without a response');
    await streamRunLogs({ bus, store: this.deps.store, run, req, res, options: { after: q.after, follow: q.follow ?? true } });
  }

  private async decide(req: ExRequest, tenantId: string, projectId: string, runId: string, decision: 'approve' | 'reject', body: Decision | undefined, idempotencyKey: string | undefined): Promise<GateDecision> {
    const principal = tenantScope(req, tenantId);
    const input = parseInput(decisionBody, body ?? {}, `${decision} request`);
    const key = parseIdempotencyKey(idempotencyKey);
    temporalOf(this.deps);
    const run = await this.run(tenantId, projectId, runId);
    const scope = `${tenantId}\n${actorOf(principal)}\n${decision}`;
    const fingerprint = JSON.stringify([run.id, input.planHash ?? null, input.note ?? null]);
    const { value } = await idempotencyCacheOf(this.deps).run(key, scope, fingerprint, () =>
      decideRun({ deps: this.deps, principal, run, decision, planHash: input.planHash, note: input.note, idempotencyKey: key }),
    );
    return value;
  }

  private run(tenantId: string, projectId: string, runId: string): Promise<Run> {
    return runInProject(this.deps.store, tenantId, idParam(projectId, 'project'), idParam(runId, 'run'));
  }
}
