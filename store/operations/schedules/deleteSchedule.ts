import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';

export async function deleteSchedule({ db, tenantId, id }: { db: Knex; tenantId: string; id: string }): Promise<void> {
  if ((await db('schedules').where({ tenant_id: tenantId, id }).delete()) === 0) throw new NotFoundError('schedule', id);
}
