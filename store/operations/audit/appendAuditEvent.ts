import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import { isoNow, toJson } from '../../rows';
import type { AuditEvent } from '../../types';
import { hashAuditEvent } from './hashAuditEvent';

/**
 * Appends an event to the tenant's audit chain. Appends of one tenant are serialized (a row lock on the
 * tenant in PostgreSQL; SQLite has a single writer), and the unique (tenant, prev_hash) key makes a
 * fork impossible even if they were not. There is no update or delete operation.
 */
export async function appendAuditEvent(args: {
  db: Knex;
  tenantId: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  context?: Readonly<Record<string, unknown>>;
  now?: Date;
}): Promise<AuditEvent> {
  const { db, tenantId } = args;
  return db.transaction(async (trx) => {
    const lock = trx('tenants').where({ id: tenantId }).first('id');
    if (trx.client.config.client === 'pg') void lock.forUpdate();
    if (!(await lock)) throw new NotFoundError('tenant', tenantId);
    const last = (await trx('audit_events').where({ tenant_id: tenantId }).orderBy('seq', 'desc').first('seq', 'hash')) as
      | { seq: number | string; hash: string }
      | undefined;
    const body: Omit<AuditEvent, 'hash'> = {
      tenantId,
      seq: last ? Number(last.seq) + 1 : 1,
      at: isoNow(args.now),
      actor: args.actor,
      action: args.action,
      subjectType: args.subjectType,
      subjectId: args.subjectId,
      context: args.context ?? {},
      prevHash: last ? last.hash : '',
    };
    const event: AuditEvent = { ...body, hash: hashAuditEvent(body) };
    await trx('audit_events').insert({
      tenant_id: tenantId,
      seq: event.seq,
      at: event.at,
      actor: event.actor,
      action: event.action,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      context: toJson(event.context),
      prev_hash: event.prevHash,
      hash: event.hash,
    });
    return event;
  });
}
