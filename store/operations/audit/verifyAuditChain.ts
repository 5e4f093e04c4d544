import type { Knex } from 'knex';
import { hashAuditEvent } from './hashAuditEvent';
import { mapAuditEvent } from './mapAuditEvent';

export type ChainCheck = { readonly ok: true; readonly count: number } | { readonly ok: false; readonly brokenAt: number };

/** Recomputes the tenant's chain; reports the first event whose hash or link does not match. */
export async function verifyAuditChain({ db, tenantId }: { db: Knex; tenantId: string }): Promise<ChainCheck> {
  const rows = (await db('audit_events').where({ tenant_id: tenantId }).orderBy('seq')) as Record<string, unknown>[];
  let prev = '';
  let expectedSeq = 1;
  for (const row of rows) {
    const { hash, ...body } = mapAuditEvent(row);
    if (body.seq !== expectedSeq || body.prevHash !== prev || hashAuditEvent(body) !== hash) return { ok: false, brokenAt: body.seq };
    prev = hash;
    expectedSeq += 1;
  }
  return { ok: true, count: rows.length };
}
