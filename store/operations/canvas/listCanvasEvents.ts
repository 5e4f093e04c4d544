import type { Knex } from 'knex';
import { fromJson } from '../../rows';
import type { CanvasEvent } from '../../types';

/** A user's canvas events for a project in order, after `afterSeq` (for replay from a snapshot). */
export async function listCanvasEvents(args: { db: Knex; tenantId: string; projectId: string; userId: string; afterSeq?: number }): Promise<CanvasEvent[]> {
  const rows = (await args
    .db('canvas_events')
    .where({ tenant_id: args.tenantId, project_id: args.projectId, user_id: args.userId })
    .andWhere('seq', '>', args.afterSeq ?? 0)
    .orderBy('seq')) as Record<string, unknown>[];
  return rows.map((r) => ({
    seq: Number(r.seq),
    tenantId: String(r.tenant_id),
    projectId: String(r.project_id),
    userId: String(r.user_id),
    type: String(r.type),
    payload: fromJson<unknown>(r.payload),
    createdAt: String(r.created_at),
  }));
}
