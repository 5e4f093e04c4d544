import type { Knex } from 'knex';
import { asConflict, NotFoundError } from '../../errors';
import { isoNow } from '../../rows';
import type { Schedule, ScheduleDefinition } from '../../types';
import { getEnvironment } from '../environments/getEnvironment';
import { getSchedule } from './getSchedule';
import { definitionColumns } from './mapSchedule';

export type SchedulePatch = Partial<ScheduleDefinition> & {
  readonly name?: string;
  /** Another environment of the schedule's project. */
  readonly environmentId?: string;
  readonly paused?: boolean;
};

/**
 * Changes the fields given and keeps the others. A name the project already has is a ConflictError;
 * an environment of another project (or tenant) is a NotFoundError.
 */
export async function updateSchedule(args: { db: Knex; tenantId: string; id: string; changes: SchedulePatch; now?: Date }): Promise<Schedule> {
  const { db, tenantId, id, changes } = args;
  const current = await getSchedule({ db, tenantId, id });
  if (changes.environmentId !== undefined && changes.environmentId !== current.environmentId) {
    const env = await getEnvironment({ db, tenantId, id: changes.environmentId });
    if (env.projectId !== current.projectId) throw new NotFoundError('environment', changes.environmentId);
  }
  const patch = {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.environmentId !== undefined ? { environment_id: changes.environmentId } : {}),
    ...definitionColumns(changes),
    ...(changes.paused !== undefined ? { paused: changes.paused } : {}),
  };
  if (Object.keys(patch).length === 0) return current;
  let n: number;
  try {
    n = await db('schedules').where({ tenant_id: tenantId, id }).update({ ...patch, updated_at: isoNow(args.now) });
  } catch (err) {
    asConflict(err, `schedule ${changes.name ?? current.name}`);
  }
  if (n === 0) throw new NotFoundError('schedule', id);
  return getSchedule({ db, tenantId, id });
}
