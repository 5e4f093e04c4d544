import type { Knex } from 'knex';
import { asConflict } from '../../errors';
import { isoNow, newId } from '../../rows';
import type { Schedule, ScheduleOverlap, ScheduleTiming } from '../../types';
import { getEnvironment } from '../environments/getEnvironment';
import { definitionColumns } from './mapSchedule';

/** Stores a schedule of the environment's project; a name the project already has is a ConflictError. */
export async function createSchedule(args: {
  db: Knex;
  tenantId: string;
  environmentId: string;
  name: string;
  timing: ScheduleTiming;
  /** Default UTC. */
  timeZone?: string;
  /** Default skip. */
  overlap?: ScheduleOverlap;
  select?: string | null;
  exclude?: string | null;
  selector?: string | null;
  paused?: boolean;
  now?: Date;
}): Promise<Schedule> {
  const { db, tenantId } = args;
  const env = await getEnvironment({ db, tenantId, id: args.environmentId });
  const at = isoNow(args.now);
  const s: Schedule = {
    id: newId(),
    tenantId,
    projectId: env.projectId,
    environmentId: env.id,
    name: args.name,
    timing: args.timing,
    timeZone: args.timeZone ?? 'UTC',
    overlap: args.overlap ?? 'skip',
    select: args.select ?? null,
    exclude: args.exclude ?? null,
    selector: args.selector ?? null,
    paused: args.paused ?? false,
    createdAt: at,
    updatedAt: at,
  };
  try {
    await db('schedules').insert({
      id: s.id,
      tenant_id: tenantId,
      project_id: s.projectId,
      environment_id: s.environmentId,
      name: s.name,
      ...definitionColumns(s),
      paused: s.paused,
      created_at: at,
      updated_at: at,
    });
  } catch (err) {
    asConflict(err, `schedule ${s.name}`);
  }
  return s;
}
