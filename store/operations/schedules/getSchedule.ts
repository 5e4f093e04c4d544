import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import type { Schedule } from '../../types';
import { mapSchedule } from './mapSchedule';

/** A schedule of the tenant (and of `projectId` when given); any other is reported as not found. */
export async function getSchedule({ db, tenantId, projectId, id }: { db: Knex; tenantId: string; projectId?: string; id: string }): Promise<Schedule> {
  const row = (await db('schedules')
    .where({ tenant_id: tenantId, id, ...(projectId !== undefined ? { project_id: projectId } : {}) })
    .first()) as Record<string, unknown> | undefined;
  if (!row) throw new NotFoundError('schedule', id);
  return mapSchedule(row);
}
