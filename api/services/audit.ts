import type { Knex } from 'knex';
import { appendAuditEvent } from '../../store/operations/audit/appendAuditEvent';
import type { AuditEvent } from '../../store/types';
import { actorOf, type Principal } from '../auth/principal';

/** The audited mutations of the API (stable strings: they are in the hash chain). */
export type AuditAction = 'plan.create' | 'run.start' | 'run.approve' | 'run.reject' | 'run.cancel' | 'run.rerun';

/** Appends one event to the tenant's hash-chained audit log for a mutation the caller made. */
export function recordAudit(args: {
  db: Knex;
  principal: Principal;
  tenantId: string;
  action: AuditAction;
  subjectType: 'plan' | 'run';
  subjectId: string;
  context?: Readonly<Record<string, unknown>>;
}): Promise<AuditEvent> {
  return appendAuditEvent({
    db: args.db,
    tenantId: args.tenantId,
    actor: actorOf(args.principal),
    action: args.action,
    subjectType: args.subjectType,
    subjectId: args.subjectId,
    context: args.context ?? {},
  });
}
