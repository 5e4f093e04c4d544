// Schedules: a Temporal Schedule per Sluice schedule (temporal/schedules.ts) plus a store row that
// mirrors it for listing. Changes go to Temporal first where a Temporal refusal must leave the store
// untouched; a create rolls its row back when Temporal refuses.
import { ScheduleNotFoundError, type ScheduleDescription } from '@temporalio/client';
import type { Knex } from 'knex';
import type { JsonNull } from '../../domain/artifacts/types';
import type { Store } from '../../store/db';
import { NotFoundError } from '../../store/errors';
import { appendAuditEvent } from '../../store/operations/audit/appendAuditEvent';
import { getEnvironment } from '../../store/operations/environments/getEnvironment';
import { getProject } from '../../store/operations/projects/getProject';
import { createSchedule } from '../../store/operations/schedules/createSchedule';
import { deleteSchedule } from '../../store/operations/schedules/deleteSchedule';
import { getSchedule } from '../../store/operations/schedules/getSchedule';
import { listSchedules } from '../../store/operations/schedules/listSchedules';
import { setSchedulePaused } from '../../store/operations/schedules/setSchedulePaused';
import { updateSchedule } from '../../store/operations/schedules/updateSchedule';
import type { Schedule, ScheduleDefinition } from '../../store/types';
import {
  createTemporalSchedule, deleteTemporalSchedule, describeTemporalSchedule, handleOf, InvalidScheduleSpecError, temporalScheduleId, toTemporalOverlap, updateTemporalSchedule,
  type OverlapPolicy, type SluiceScheduleDefinition,
} from '../../temporal/schedules';
import { actorOf, type Principal } from '../auth/principal';
import type { ApiDeps, ApiTemporal } from '../deps';
import { HttpProblem } from '../problem';

/** Overlap policies by their API names (same list as temporal/schedules.ts OVERLAP_POLICIES). */
export type ScheduleOverlap = 'skip' | 'buffer_one' | 'buffer_all' | 'cancel_other' | 'terminate_other' | 'allow_all';

export interface ScheduleInterval {
  /** Seconds between two actions. */
  everySeconds: number;
  /** Shift from the epoch-aligned times, seconds (0 to everySeconds − 1). */
  offsetSeconds: number;
}

/** A schedule as the store mirrors it. */
export interface ScheduleResource {
  id: string;
  projectId: string;
  environmentId: string;
  name: string;
  /** The cron expression, or null for an interval schedule. */
  cron: string | null;
  interval: ScheduleInterval | JsonNull;
  /** IANA time zone the cron expression (or interval) is read in. */
  timeZone: string;
  overlap: ScheduleOverlap;
  select: string | null;
  exclude: string | null;
  selector: string | null;
  paused: boolean;
  /** `schedule/<tenant>/<schedule>`: the Temporal Schedule id (and the base of its workflows' ids). */
  temporalScheduleId: string;
  createdAt: string;
  updatedAt: string;
}

export interface ScheduleActionView {
  scheduledAt: string;
  takenAt: string;
  workflowId: string;
}

/** What Temporal says of the schedule now. */
export interface TemporalScheduleView {
  paused: boolean;
  note: string | null;
  overlap: string;
  timeZone: string | null;
  nextActionTimes: string[];
  recentActions: ScheduleActionView[];
  runningWorkflowIds: string[];
  numActionsTaken: number;
}

export interface ScheduleDetail extends ScheduleResource {
  /** Null when this API has no Temporal, or Temporal has no such schedule. */
  temporal: TemporalScheduleView | JsonNull;
}

export interface ScheduleInput {
  readonly name: string;
  readonly environmentId: string;
  readonly definition: ScheduleDefinition;
  readonly paused: boolean;
  readonly note?: string | undefined;
}

export type ScheduleChanges = Partial<Pick<ScheduleInput, 'name' | 'environmentId'>> & Partial<ScheduleDefinition>;

/** Changing schedules needs Temporal: without it these routes answer 503 before anything is stored. */
export function scheduleTemporalOf(deps: ApiDeps): ApiTemporal {
  if (!deps.temporal) throw new HttpProblem(503, 'temporal-unavailable', 'Schedules unavailable', 'this API server has no Temporal connection configured');
  return deps.temporal;
}

/** The definition part of a stored schedule. */
const definitionOf = (row: Schedule): ScheduleDefinition => ({
  timing: row.timing, timeZone: row.timeZone, overlap: row.overlap, select: row.select, exclude: row.exclude, selector: row.selector,
});

export function scheduleResource(row: Schedule): ScheduleResource {
  const timing = row.timing;
  return {
    id: row.id,
    projectId: row.projectId,
    environmentId: row.environmentId,
    name: row.name,
    cron: timing.kind === 'cron' ? timing.cron : null,
    interval: timing.kind === 'interval' ? { everySeconds: timing.everySeconds, offsetSeconds: timing.offsetSeconds } : null,
    timeZone: row.timeZone,
    overlap: row.overlap,
    select: row.select,
    exclude: row.exclude,
    selector: row.selector,
    paused: row.paused,
    temporalScheduleId: temporalScheduleId(row.tenantId, row.id),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const definitionFor = (row: Pick<Schedule, 'tenantId' | 'projectId' | 'id'>, name: string, environmentId: string, d: ScheduleDefinition): SluiceScheduleDefinition => ({
  tenantId: row.tenantId, projectId: row.projectId, scheduleId: row.id, environmentId, name, ...d,
});

async function environmentInProject(db: Knex, tenantId: string, projectId: string, environmentId: string): Promise<void> {
  const project = await getProject({ db, tenantId, id: projectId });
  const env = await getEnvironment({ db, tenantId, id: environmentId });
  if (env.projectId !== project.id) throw new NotFoundError('environment', environmentId);
}

/** A Temporal refusal as an API answer: a spec it found invalid is a 400, anything else a 503. */
function temporalProblem(deps: ApiDeps, err: unknown, what: string): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (err instanceof InvalidScheduleSpecError) {
    return new HttpProblem(400, 'invalid-input', 'Invalid input', `Temporal refused the schedule: ${err.message}`, { code: 'invalid_schedule_spec' });
  }
  deps.log(err);
  return new HttpProblem(503, 'temporal-unavailable', 'Schedules unavailable', `the schedule could not be ${what} on Temporal`);
}

async function audit(db: Knex, principal: Principal, tenantId: string, action: string, scheduleId: string, context: Readonly<Record<string, unknown>> = {}): Promise<void> {
  await appendAuditEvent({ db, tenantId, actor: actorOf(principal), action, subjectType: 'schedule', subjectId: scheduleId, context });
}

export async function createProjectSchedule(args: { deps: ApiDeps; principal: Principal; tenantId: string; projectId: string; input: ScheduleInput }): Promise<ScheduleResource> {
  const { deps, tenantId, input } = args;
  const temporal = scheduleTemporalOf(deps);
  const db = deps.store.db;
  await environmentInProject(db, tenantId, args.projectId, input.environmentId);
  // Stored paused as asked: a Temporal refusal below deletes the row again.
  const row = await createSchedule({ db, tenantId, environmentId: input.environmentId, name: input.name, ...input.definition, paused: input.paused });
  try {
    await createTemporalSchedule(temporal.client, temporal.taskQueue, definitionFor(row, row.name, row.environmentId, input.definition), {
      paused: input.paused, ...(input.note ? { note: input.note } : {}),
    });
  } catch (err) {
    await deleteSchedule({ db, tenantId, id: row.id }).catch(() => undefined);
    throw temporalProblem(deps, err, 'created');
  }
  await audit(db, args.principal, tenantId, 'schedule.create', row.id, { name: row.name, environmentId: row.environmentId, temporalScheduleId: temporalScheduleId(tenantId, row.id) });
  return scheduleResource(row);
}

export async function listProjectSchedules(store: Store, tenantId: string, projectId: string): Promise<ScheduleResource[]> {
  const project = await getProject({ db: store.db, tenantId, id: projectId });
  return (await listSchedules({ db: store.db, tenantId, projectId: project.id })).map(scheduleResource);
}

export function scheduleInProject(store: Store, tenantId: string, projectId: string, scheduleId: string): Promise<Schedule> {
  return getSchedule({ db: store.db, tenantId, projectId, id: scheduleId });
}

export function temporalView(d: ScheduleDescription): TemporalScheduleView {
  return {
    paused: d.state.paused,
    note: d.state.note ?? null,
    overlap: (d.policies.overlap ?? 'SKIP').toLowerCase(),
    timeZone: d.spec.timezone ?? null,
    nextActionTimes: d.info.nextActionTimes.map((t) => t.toISOString()),
    recentActions: d.info.recentActions.map((a) => ({ scheduledAt: a.scheduledAt.toISOString(), takenAt: a.takenAt.toISOString(), workflowId: a.action.workflow.workflowId })),
    runningWorkflowIds: d.info.runningActions.map((a) => a.workflow.workflowId),
    numActionsTaken: d.info.numActionsTaken,
  };
}

export async function scheduleDetail(deps: ApiDeps, row: Schedule): Promise<ScheduleDetail> {
  const temporal = deps.temporal;
  let view: TemporalScheduleView | null = null;
  if (temporal) {
    try {
      const d = await describeTemporalSchedule(temporal.client, row.tenantId, row.id);
      view = d ? temporalView(d) : null;
    } catch (err) {
      // Reading works without Temporal: the store's mirror is the answer.
      deps.log(err);
    }
  }
  return { ...scheduleResource(row), temporal: view };
}

export async function updateProjectSchedule(args: { deps: ApiDeps; principal: Principal; row: Schedule; changes: ScheduleChanges }): Promise<ScheduleResource> {
  const { deps, row, changes } = args;
  const temporal = scheduleTemporalOf(deps);
  const db = deps.store.db;
  const current = definitionOf(row);
  const definition: ScheduleDefinition = {
    timing: changes.timing ?? current.timing,
    timeZone: changes.timeZone ?? current.timeZone,
    overlap: changes.overlap ?? current.overlap,
    // A new selection replaces the old one as a whole (selector vs select/exclude).
    ...(changes.select !== undefined || changes.exclude !== undefined || changes.selector !== undefined
      ? { select: changes.select ?? null, exclude: changes.exclude ?? null, selector: changes.selector ?? null }
      : { select: current.select, exclude: current.exclude, selector: current.selector }),
  };
  const name = changes.name ?? row.name;
  const environmentId = changes.environmentId ?? row.environmentId;
  if (environmentId !== row.environmentId) await environmentInProject(db, row.tenantId, row.projectId, environmentId);
  // Name clashes surface from the store before Temporal is touched; Temporal's refusal rolls the row back.
  const updated = await updateSchedule({ db, tenantId: row.tenantId, id: row.id, changes: { name, environmentId, ...definition } });
  try {
    await updateTemporalSchedule(temporal.client, temporal.taskQueue, definitionFor(row, name, environmentId, definition));
  } catch (err) {
    await updateSchedule({ db, tenantId: row.tenantId, id: row.id, changes: { name: row.name, environmentId: row.environmentId, ...current } }).catch(() => undefined);
    throw notFoundOr(err, row, () => temporalProblem(deps, err, 'updated'));
  }
  await audit(db, args.principal, row.tenantId, 'schedule.update', row.id, { changed: Object.keys(changes).sort() });
  return scheduleResource(updated);
}

/** A schedule Temporal no longer has answers 409: the store row is stale (delete it and create it again). */
function notFoundOr(err: unknown, row: Schedule, otherwise: () => HttpProblem): HttpProblem {
  if (err instanceof ScheduleNotFoundError) {
    return new HttpProblem(409, 'conflict/schedule-not-in-temporal', 'Conflict', `Temporal has no schedule ${temporalScheduleId(row.tenantId, row.id)}`);
  }
  return otherwise();
}

export async function setPaused(args: { deps: ApiDeps; principal: Principal; row: Schedule; paused: boolean; note?: string | undefined }): Promise<ScheduleDetail> {
  const { deps, row, paused } = args;
  const temporal = scheduleTemporalOf(deps);
  const handle = handleOf(temporal.client, row.tenantId, row.id);
  const note = args.note ?? `${paused ? 'paused' : 'unpaused'} by ${actorOf(args.principal)}`;
  try {
    if (paused) await handle.pause(note);
    else await handle.unpause(note);
  } catch (err) {
    throw notFoundOr(err, row, () => temporalProblem(deps, err, paused ? 'paused' : 'unpaused'));
  }
  const updated = await setSchedulePaused({ db: deps.store.db, tenantId: row.tenantId, id: row.id, paused });
  await audit(deps.store.db, args.principal, row.tenantId, paused ? 'schedule.pause' : 'schedule.unpause', row.id, { note });
  return scheduleDetail(deps, updated);
}

export interface ScheduleActionRequest {
  scheduleId: string;
  /** The overlap policy Temporal applies to this request. */
  overlap: ScheduleOverlap;
  /** Backfill only: the window evaluated. */
  start?: string;
  end?: string;
}

/** Starts one action now (a paused schedule too). Without `overlap`, the schedule's own policy applies. */
export async function triggerSchedule(args: { deps: ApiDeps; principal: Principal; row: Schedule; overlap?: OverlapPolicy | undefined }): Promise<ScheduleActionRequest> {
  const { deps, row } = args;
  const temporal = scheduleTemporalOf(deps);
  const overlap = args.overlap ?? row.overlap;
  try {
    await handleOf(temporal.client, row.tenantId, row.id).trigger(toTemporalOverlap(overlap));
  } catch (err) {
    throw notFoundOr(err, row, () => temporalProblem(deps, err, 'triggered'));
  }
  await audit(deps.store.db, args.principal, row.tenantId, 'schedule.trigger', row.id, { overlap });
  return { scheduleId: row.id, overlap };
}

/** Takes the actions the schedule would have taken in [start, end], now, under `overlap` (default: the schedule's). */
export async function backfillSchedule(args: { deps: ApiDeps; principal: Principal; row: Schedule; start: Date; end: Date; overlap?: OverlapPolicy | undefined }): Promise<ScheduleActionRequest> {
  const { deps, row } = args;
  const temporal = scheduleTemporalOf(deps);
  const overlap = args.overlap ?? row.overlap;
  try {
    await handleOf(temporal.client, row.tenantId, row.id).backfill({ start: args.start, end: args.end, overlap: toTemporalOverlap(overlap) });
  } catch (err) {
    throw notFoundOr(err, row, () => temporalProblem(deps, err, 'backfilled'));
  }
  const window = { start: args.start.toISOString(), end: args.end.toISOString() };
  await audit(deps.store.db, args.principal, row.tenantId, 'schedule.backfill', row.id, { overlap, ...window });
  return { scheduleId: row.id, overlap, ...window };
}

/** Deletes the Temporal schedule (runs it started go on), then the row. */
export async function deleteProjectSchedule(args: { deps: ApiDeps; principal: Principal; row: Schedule }): Promise<void> {
  const { deps, row } = args;
  const temporal = scheduleTemporalOf(deps);
  try {
    await deleteTemporalSchedule(temporal.client, row.tenantId, row.id);
  } catch (err) {
    throw temporalProblem(deps, err, 'deleted');
  }
  await deleteSchedule({ db: deps.store.db, tenantId: row.tenantId, id: row.id });
  await audit(deps.store.db, args.principal, row.tenantId, 'schedule.delete', row.id, { name: row.name });
}
