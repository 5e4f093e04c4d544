import { Body, Controller, Delete, Get, Patch, Path, Post, Request, Response, Route, Security, SuccessResponse, Tags } from 'tsoa';
import type { Request as ExRequest } from 'express';
import { z } from 'zod';
import { SelectorError, parseSelection } from '../../domain/selectors';
import type { Schedule } from '../../store/types';
import { OVERLAP_POLICIES, type ScheduleTiming } from '../../temporal/schedules';
import type { ApiDeps } from '../deps';
import { parseInput } from '../input';
import { HttpProblem, type Problem } from '../problem';
import {
  backfillSchedule, createProjectSchedule, deleteProjectSchedule, listProjectSchedules, scheduleDetail, scheduleInProject, scheduleTemporalOf, setPaused,
  triggerSchedule, updateProjectSchedule, type ScheduleActionRequest, type ScheduleDetail, type ScheduleOverlap, type ScheduleResource,
} from '../services/schedules';
import { idParam, tenantScope } from './scope';

interface IntervalInput {
  /** Seconds between two actions (1 s to 366 days). */
  everySeconds: number;
  /** Shift from epoch-aligned times, seconds (less than everySeconds; default 0). */
  offsetSeconds?: number;
}

interface CreateSchedule {
  name: string;
  environmentId: string;
  /** A cron expression (5 to 7 fields, or @hourly, @daily, ...). Give cron or interval, not both. */
  cron?: string;
  interval?: IntervalInput;
  /** IANA time zone the schedule is read in (default UTC). */
  timeZone?: string;
  /** What happens when a run is still going at the next action (default skip). */
  overlap?: ScheduleOverlap;
  /** dbt `--select` expression planned at each action. */
  select?: string;
  exclude?: string;
  /** A YAML selector of the manifest (replaces select and exclude). */
  selector?: string;
  /** Create it paused. */
  paused?: boolean;
  note?: string;
}

interface UpdateSchedule {
  name?: string;
  environmentId?: string;
  /** A new cron expression (replaces an interval). */
  cron?: string;
  /** A new interval (replaces a cron expression). */
  interval?: IntervalInput;
  timeZone?: string;
  overlap?: ScheduleOverlap;
  /** A new selection replaces select, exclude and selector together. */
  select?: string;
  exclude?: string;
  selector?: string;
}

interface PauseSchedule {
  /** Why (shown by Temporal as the schedule's note). */
  note?: string;
}

interface TriggerSchedule {
  /** Overlap policy of this one action (default: the schedule's). */
  overlap?: ScheduleOverlap;
}

interface BackfillSchedule {
  /** ISO-8601 start of the window. */
  start: string;
  /** ISO-8601 end of the window (after start). */
  end: string;
  /** Overlap policy of the backfilled actions (default: the schedule's). */
  overlap?: ScheduleOverlap;
}

const SHORTHANDS = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/;
const CRON_FIELD = /^[0-9A-Za-z*?,/#-]+$/;
const cron = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((s) => {
    if (SHORTHANDS.test(s)) return true;
    const fields = s.split(/\s+/);
    return fields.length >= 5 && fields.length <= 7 && fields.every((f) => CRON_FIELD.test(f));
  }, 'a cron expression of 5 to 7 fields (minute hour day-of-month month day-of-week [year]), or @hourly, @daily, ...; give the time zone in timeZone');

/** An IANA zone name the runtime knows (Temporal reads the same tz database); offsets and abbreviations are refused. */
export function isIanaTimeZone(tz: string): boolean {
  if (tz !== 'UTC' && !/^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const timeZone = z.string().min(1).max(100).refine(isIanaTimeZone, 'an IANA time zone such as UTC or Europe/Paris');
const interval = z
  .strictObject({ everySeconds: z.number().int().min(1).max(366 * 86_400), offsetSeconds: z.number().int().min(0).optional() })
  .refine((i) => (i.offsetSeconds ?? 0) < i.everySeconds, { message: 'offsetSeconds must be less than everySeconds', path: ['offsetSeconds'] });
const overlap = z.enum(OVERLAP_POLICIES);
const expression = z.string().trim().min(1).max(10_000);
const note = z.string().trim().min(1).max(2000);
const selection = {
  select: expression.optional(),
  exclude: expression.optional(),
  selector: z.string().trim().min(1).max(200).optional(),
};
const oneSelection = (b: { selector?: string | undefined; select?: string | undefined; exclude?: string | undefined }) => b.selector === undefined || (b.select === undefined && b.exclude === undefined);
const selectionMessage = { message: 'give either selector, or select and exclude, not both', path: ['selector'] };

export const createScheduleBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    environmentId: z.uuid(),
    cron: cron.optional(),
    interval: interval.optional(),
    timeZone: timeZone.optional(),
    overlap: overlap.optional(),
    ...selection,
    paused: z.boolean().optional(),
    note: note.optional(),
  })
  .refine((b) => (b.cron === undefined) !== (b.interval === undefined), { message: 'give either cron or interval (exactly one)', path: ['cron'] })
  .refine(oneSelection, selectionMessage);

export const updateScheduleBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    environmentId: z.uuid().optional(),
    cron: cron.optional(),
    interval: interval.optional(),
    timeZone: timeZone.optional(),
    overlap: overlap.optional(),
    ...selection,
  })
  .refine((b) => b.cron === undefined || b.interval === undefined, { message: 'give either cron or interval, not both', path: ['cron'] })
  .refine(oneSelection, selectionMessage);

const pauseBody = z.strictObject({ note: note.optional() });
const triggerBody = z.strictObject({ overlap: overlap.optional() });
const backfillBody = z
  .strictObject({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }), overlap: overlap.optional() })
  .refine((b) => Date.parse(b.start) < Date.parse(b.end), { message: 'start must be before end', path: ['end'] });

function timingOf(b: { cron?: string | undefined; interval?: { everySeconds: number; offsetSeconds?: number | undefined } | undefined }): ScheduleTiming | undefined {
  if (b.cron !== undefined) return { kind: 'cron', cron: b.cron };
  if (b.interval !== undefined) return { kind: 'interval', everySeconds: b.interval.everySeconds, offsetSeconds: b.interval.offsetSeconds ?? 0 };
  return undefined;
}

/** The selection must at least parse now (it is evaluated against the newest version at each action). */
function checkSelection(select: string | undefined, exclude: string | undefined): void {
  try {
    parseSelection(select, exclude);
  } catch (err) {
    if (err instanceof SelectorError) throw new HttpProblem(400, 'invalid-selector', 'Invalid selector', err.message, { code: err.code, expression: err.expression });
    throw err;
  }
}

/**
 * Schedules: each one is a Temporal Schedule (id `schedule/<tenant>/<schedule>`) whose actions plan
 * the selection on the environment at the scheduled time and run the plan (approvals apply). Reading
 * needs only the store; changing needs Temporal (503 without it).
 */
@Route('api/v1/tenants/{tenantId}/projects/{projectId}/schedules')
@Tags('schedules')
export class SchedulesController extends Controller {
  constructor(private readonly deps: ApiDeps) {
    super();
  }

  /** Creates the schedule in the store and in Temporal; a refusal by Temporal leaves nothing behind. */
  @Post()
  @Security('sluice', ['editor'])
  @SuccessResponse(201, 'Created')
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(503, 'No Temporal connection (temporal-unavailable)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async createSchedule(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Body() body: CreateSchedule): Promise<ScheduleResource> {
    const principal = tenantScope(req, tenantId);
    const input = parseInput(createScheduleBody, body, 'schedule');
    checkSelection(input.select, input.exclude);
    scheduleTemporalOf(this.deps);
    const timing = timingOf(input);
    if (!timing) throw new Error('unreachable: the schema requires cron or interval');
    const schedule = await createProjectSchedule({
      deps: this.deps, principal, tenantId, projectId: idParam(projectId, 'project'),
      input: {
        name: input.name,
        environmentId: input.environmentId,
        definition: { timing, timeZone: input.timeZone ?? 'UTC', overlap: input.overlap ?? 'skip', select: input.select ?? null, exclude: input.exclude ?? null, selector: input.selector ?? null },
        paused: input.paused ?? false,
        note: input.note,
      },
    });
    this.setStatus(201);
    return schedule;
  }

  /** The project's schedules by name (from the store). */
  @Get()
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async listSchedules(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string): Promise<ScheduleResource[]> {
    tenantScope(req, tenantId);
    return listProjectSchedules(this.deps.store, tenantId, idParam(projectId, 'project'));
  }

  /** A schedule with what Temporal says of it now (next times, recent and running actions, note). */
  @Get('{scheduleId}')
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async getSchedule(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Path() scheduleId: string): Promise<ScheduleDetail> {
    tenantScope(req, tenantId);
    return scheduleDetail(this.deps, await this.schedule(tenantId, projectId, scheduleId));
  }

  /** Changes name, environment, timing, time zone, overlap policy or selection; the rest is kept. */
  @Patch('{scheduleId}')
  @Security('sluice', ['editor'])
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(503, 'No Temporal connection (temporal-unavailable)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async updateSchedule(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Path() scheduleId: string, @Body() body: UpdateSchedule): Promise<ScheduleResource> {
    const principal = tenantScope(req, tenantId);
    const input = parseInput(updateScheduleBody, body, 'schedule update');
    if (input.select !== undefined || input.exclude !== undefined) checkSelection(input.select, input.exclude);
    scheduleTemporalOf(this.deps);
    const row = await this.schedule(tenantId, projectId, scheduleId);
    const timing = timingOf(input);
    const hasSelection = input.select !== undefined || input.exclude !== undefined || input.selector !== undefined;
    return updateProjectSchedule({
      deps: this.deps, principal, row,
      changes: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.environmentId !== undefined ? { environmentId: input.environmentId } : {}),
        ...(timing ? { timing } : {}),
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(input.overlap !== undefined ? { overlap: input.overlap } : {}),
        ...(hasSelection ? { select: input.select ?? null, exclude: input.exclude ?? null, selector: input.selector ?? null } : {}),
      },
    });
  }

  /** Pauses the schedule: no action is taken until it is unpaused (trigger and backfill still work). */
  @Post('{scheduleId}/pause')
  @Security('sluice', ['editor'])
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(503, 'No Temporal connection (temporal-unavailable)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async pauseSchedule(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Path() scheduleId: string, @Body() body?: PauseSchedule): Promise<ScheduleDetail> {
    return this.pause(req, tenantId, projectId, scheduleId, true, body);
  }

  @Post('{scheduleId}/unpause')
  @Security('sluice', ['editor'])
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(503, 'No Temporal connection (temporal-unavailable)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async unpauseSchedule(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Path() scheduleId: string, @Body() body?: PauseSchedule): Promise<ScheduleDetail> {
    return this.pause(req, tenantId, projectId, scheduleId, false, body);
  }

  /** Takes one action now: a plan of the selection is built and run (the run appears in `.../runs`). */
  @Post('{scheduleId}/trigger')
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
  public async triggerSchedule(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Path() scheduleId: string, @Body() body?: TriggerSchedule): Promise<ScheduleActionRequest> {
    const principal = tenantScope(req, tenantId);
    const input = parseInput(triggerBody, body ?? {}, 'trigger request');
    scheduleTemporalOf(this.deps);
    const result = await triggerSchedule({ deps: this.deps, principal, row: await this.schedule(tenantId, projectId, scheduleId), overlap: input.overlap });
    this.setStatus(202);
    return result;
  }

  /** Takes, now, the actions the schedule would have taken between start and end. */
  @Post('{scheduleId}/backfill')
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
  public async backfillSchedule(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Path() scheduleId: string, @Body() body: BackfillSchedule): Promise<ScheduleActionRequest> {
    const principal = tenantScope(req, tenantId);
    const input = parseInput(backfillBody, body, 'backfill request');
    scheduleTemporalOf(this.deps);
    const row = await this.schedule(tenantId, projectId, scheduleId);
    const result = await backfillSchedule({ deps: this.deps, principal, row, start: new Date(input.start), end: new Date(input.end), overlap: input.overlap });
    this.setStatus(202);
    return result;
  }

  /** Deletes the schedule from Temporal and the store; runs it started go on. */
  @Delete('{scheduleId}')
  @Security('sluice', ['admin'])
  @SuccessResponse(204, 'Deleted')
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(503, 'No Temporal connection (temporal-unavailable)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async deleteSchedule(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Path() scheduleId: string): Promise<void> {
    const principal = tenantScope(req, tenantId);
    scheduleTemporalOf(this.deps);
    await deleteProjectSchedule({ deps: this.deps, principal, row: await this.schedule(tenantId, projectId, scheduleId) });
    this.setStatus(204);
  }

  private async pause(req: ExRequest, tenantId: string, projectId: string, scheduleId: string, paused: boolean, body: PauseSchedule | undefined): Promise<ScheduleDetail> {
    const principal = tenantScope(req, tenantId);
    const input = parseInput(pauseBody, body ?? {}, paused ? 'pause request' : 'unpause request');
    scheduleTemporalOf(this.deps);
    return setPaused({ deps: this.deps, principal, row: await this.schedule(tenantId, projectId, scheduleId), paused, note: input.note });
  }

  private schedule(tenantId: string, projectId: string, scheduleId: string): Promise<Schedule> {
    return scheduleInProject(this.deps.store, tenantId, idParam(projectId, 'project'), idParam(scheduleId, 'schedule'));
  }
}
