import type { Knex } from 'knex';
import { asConflict } from '../../errors';
import { isoNow, newId } from '../../rows';
import type { Schedule } from '../../types';
import { getEnvironment } from '../environments/getEnvironment';

export async function createSchedule(args: {
  db: Knex;
  tenantId: string;
  environmentId: string;
  name: string;
  cron: string;
  selector: string;
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
    cron: args.cron,
    selector: args.selector,
    paused: false,
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
      cron: s.cron,
      selector: s.selector,
      paused: false,
      created_at: at,
      updated_at: at,
    });
  } catch (err) {
    asConflict(err, `schedule ${s.name}`);
  }
  return s;
}
