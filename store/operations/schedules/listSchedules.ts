import type { Knex } from 'knex';
import type { Schedule } from '../../types';
import { mapSchedule } from './mapSchedule';

export async function listSchedules({ db, tenantId, projectId }: { db: Knex; tenantId: string; projectId: string }): Promise<Schedule[]> {
  const rows = (await db('schedules').where({ tenant_id: tenantId, project_id: projectId }).orderBy('name')) as Record<string, unknown>[];
  return rows.map(mapSchedule);
}
