import type { Knex } from 'knex';
import type { AuditEvent } from '../../types';
import { mapAuditEvent } from './mapAuditEvent';

export async function listAuditEvents(args: { db: Knex; tenantId: string; afterSeq?: number; limit: number }): Promise<AuditEvent[]> {
  const rows = (await args
    .db('audit_events')
    .where({ tenant_id: args.tenantId })
    .andWhere('seq', '>', args.afterSeq ?? 0)
    .orderBy('seq')
    .limit(args.limit)) as Record<string, unknown>[];
  return rows.map(mapAuditEvent);
}
