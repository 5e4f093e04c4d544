import { fromJson } from '../../rows';
import type { AuditEvent } from '../../types';

export const mapAuditEvent = (r: Record<string, unknown>): AuditEvent => ({
  tenantId: String(r.tenant_id),
  seq: Number(r.seq),
  at: String(r.at),
  actor: String(r.actor),
  action: String(r.action),
  subjectType: String(r.subject_type),
  subjectId: String(r.subject_id),
  context: fromJson<Record<string, unknown>>(r.context),
  prevHash: String(r.prev_hash),
  hash: String(r.hash),
});
