// The store mirror of a schedule (so the API lists schedules without Temporal). The `schedules` table
// has columns for name, cron, selector and paused only, so the full definition is kept as JSON in the
// `selector` text column and `cron` holds the timing as Temporal writes it (`0 3 * * *`, `@every 3600s`).
// TODO(store): give the table proper columns (time zone, overlap, exclude, interval) and move
// getScheduleRow/updateScheduleRow into store/operations/schedules/.
import type { Knex } from 'knex';
import { asConflict, NotFoundError } from '../../store/errors';
import { listSchedules } from '../../store/operations/schedules/listSchedules';
import { mapSchedule } from '../../store/operations/schedules/mapSchedule';
import type { Schedule } from '../../store/types';
import type { OverlapPolicy, ScheduleTiming } from '../../temporal/schedules';

/** What a schedule plans and when: everything but its ids, name and paused state. */
export interface ScheduleDefinitionFields {
  readonly timing: ScheduleTiming;
  readonly timeZone: string;
  readonly overlap: OverlapPolicy;
  readonly select: string | null;
  readonly exclude: string | null;
  readonly selector: string | null;
}

interface StoredDefinition {
  readonly v: 1;
  readonly cron: string | null;
  readonly interval: { readonly everySeconds: number; readonly offsetSeconds: number } | null;
  readonly timeZone: string;
  readonly overlap: OverlapPolicy;
  readonly select: string | null;
  readonly exclude: string | null;
  readonly selector: string | null;
}

/** The `cron` column: the expression, or Temporal's `@every <n>s[/<offset>s]` for an interval. */
export function cronColumnOf(timing: ScheduleTiming): string {
  switch (timing.kind) {
    case 'cron':
      return timing.cron;
    case 'interval':
      return `@every ${timing.everySeconds}s${timing.offsetSeconds > 0 ? `/${timing.offsetSeconds}s` : ''}`;
    default: {
      const unreachable: never = timing;
      throw new Error(`unknown timing ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The `selector` column: the definition as JSON. */
export function definitionColumnOf(d: ScheduleDefinitionFields): string {
  const stored: StoredDefinition = {
    v: 1,
    cron: d.timing.kind === 'cron' ? d.timing.cron : null,
    interval: d.timing.kind === 'interval' ? { everySeconds: d.timing.everySeconds, offsetSeconds: d.timing.offsetSeconds } : null,
    timeZone: d.timeZone,
    overlap: d.overlap,
    select: d.select,
    exclude: d.exclude,
    selector: d.selector,
  };
  return JSON.stringify(stored);
}

/** Reads a row's definition back; a row not written by this module reads as a UTC cron with a plain `select`. */
export function definitionOf(row: Schedule): ScheduleDefinitionFields {
  let stored: StoredDefinition | null = null;
  try {
    const parsed = JSON.parse(row.selector) as Partial<StoredDefinition> | null;
    if (parsed && parsed.v === 1) stored = parsed as StoredDefinition;
  } catch {
    // a plain selection expression
  }
  if (!stored) return { timing: { kind: 'cron', cron: row.cron }, timeZone: 'UTC', overlap: 'skip', select: row.selector || null, exclude: null, selector: null };
  return {
    timing: stored.interval ? { kind: 'interval', ...stored.interval } : { kind: 'cron', cron: stored.cron ?? row.cron },
    timeZone: stored.timeZone,
    overlap: stored.overlap,
    select: stored.select,
    exclude: stored.exclude,
    selector: stored.selector,
  };
}

/** A schedule of a project, or 404 (another project's or tenant's schedule answers the same). */
export async function getScheduleRow(args: { db: Knex; tenantId: string; projectId: string; id: string }): Promise<Schedule> {
  const found = (await listSchedules({ db: args.db, tenantId: args.tenantId, projectId: args.projectId })).find((s) => s.id === args.id);
  if (!found) throw new NotFoundError('schedule', args.id);
  return found;
}

/** Rewrites a schedule's name, environment, timing and definition (tenant-scoped). */
export async function updateScheduleRow(args: {
  db: Knex;
  tenantId: string;
  id: string;
  name: string;
  environmentId: string;
  definition: ScheduleDefinitionFields;
  now?: Date;
}): Promise<Schedule> {
  const { db, tenantId, id } = args;
  try {
    const n = await db('schedules').where({ tenant_id: tenantId, id }).update({
      name: args.name,
      environment_id: args.environmentId,
      cron: cronColumnOf(args.definition.timing),
      selector: definitionColumnOf(args.definition),
      updated_at: (args.now ?? new Date()).toISOString(),
    });
    if (n === 0) throw new NotFoundError('schedule', id);
  } catch (err) {
    if (err instanceof NotFoundError) throw err;
    asConflict(err, `schedule ${args.name}`);
  }
  return mapSchedule((await db('schedules').where({ tenant_id: tenantId, id }).first()) as Record<string, unknown>);
}
