import type { Knex } from 'knex';
import { isoNow, toJson } from '../../rows';
import { getProject } from '../projects/getProject';

/** Appends one canvas event (move, zoom, group, ...) for a user's view of a project; returns its seq. */
export async function appendCanvasEvent(args: {
  db: Knex;
  tenantId: string;
  projectId: string;
  userId: string;
  type: string;
  payload: unknown;
  now?: Date;
}): Promise<number> {
  const { db, tenantId, projectId } = args;
  await getProject({ db, tenantId, id: projectId });
  const [row] = (await db('canvas_events')
    .insert({ tenant_id: tenantId, project_id: projectId, user_id: args.userId, type: args.type, payload: toJson(args.payload), created_at: isoNow(args.now) })
    .returning('seq')) as Array<{ seq: number | string }>;
  return Number(row?.seq);
}
