import type { Knex } from 'knex';
import type { Schedule } from '../../types';
import { updateSchedule } from './updateSchedule';

export function setSchedulePaused({ db, tenantId, id, paused, now }: { db: Knex; tenantId: string; id: string; paused: boolean; now?: Date }): Promise<Schedule> {
  return updateSchedule({ db, tenantId, id, changes: { paused }, now });
}
