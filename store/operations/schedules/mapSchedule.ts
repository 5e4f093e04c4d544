import type { Schedule, ScheduleDefinition, ScheduleOverlap, ScheduleTiming } from '../../types';

const nullableText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export const mapSchedule = (r: Record<string, unknown>): Schedule => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  projectId: String(r.project_id),
  environmentId: String(r.environment_id),
  name: String(r.name),
  // An interval schedule has interval_seconds and no cron; a cron schedule the reverse.
  timing: r.interval_seconds === null || r.interval_seconds === undefined
    ? { kind: 'cron', cron: String(r.cron) }
    : { kind: 'interval', everySeconds: Number(r.interval_seconds), offsetSeconds: Number(r.interval_offset_seconds) },
  timeZone: String(r.time_zone),
  // Only the typed operations of this folder write the column.
  overlap: String(r.overlap) as ScheduleOverlap,
  select: nullableText(r.select_expr),
  exclude: nullableText(r.exclude_expr),
  selector: nullableText(r.selector_name),
  // SQLite returns booleans as 0/1.
  paused: Boolean(r.paused),
  createdAt: String(r.created_at),
  updatedAt: String(r.updated_at),
});

/** The columns of a timing: both of cron / interval_seconds are written so a switch clears the other. */
export function timingColumns(timing: ScheduleTiming): Record<string, string | number | null> {
  switch (timing.kind) {
    case 'cron':
      return { cron: timing.cron, interval_seconds: null, interval_offset_seconds: 0 };
    case 'interval':
      return { cron: null, interval_seconds: timing.everySeconds, interval_offset_seconds: timing.offsetSeconds };
    default: {
      const unreachable: never = timing;
      throw new Error(`unknown schedule timing ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The columns of the definition fields given (undefined leaves a column as it is). */
export function definitionColumns(d: Partial<ScheduleDefinition>): Record<string, string | number | null> {
  return {
    ...(d.timing !== undefined ? timingColumns(d.timing) : {}),
    ...(d.timeZone !== undefined ? { time_zone: d.timeZone } : {}),
    ...(d.overlap !== undefined ? { overlap: d.overlap } : {}),
    ...(d.select !== undefined ? { select_expr: d.select } : {}),
    ...(d.exclude !== undefined ? { exclude_expr: d.exclude } : {}),
    ...(d.selector !== undefined ? { selector_name: d.selector } : {}),
  };
}
