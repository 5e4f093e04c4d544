import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import { isoNow } from '../../rows';
import type { Schedule } from '../../types';
import { mapSchedule } from './mapSchedule';

export async function setSchedulePaused(args: { db: Knex; tenantId: string; id: string; paused: boolean; now?: Date }): Promise<Schedule> {
  const { db, tenantId, id } = args;
  const n = await db('schedules').where({ tenant_id: tenantId, id }).update({ paused: args.paused, updated_at: isoNow(args.now) });
  if (n === 0) throw new NotFoundError('schedule', id);
  return mapSchedule((await db('schedules').where({ tenant_id: tenantId, id }).first()) as Record<string, unknown>);
}
