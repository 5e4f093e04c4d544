import { nullable } from '../../rows';
import type { Run, RunStatus } from '../../types';

export const mapRun = (r: Record<string, unknown>): Run => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  projectId: String(r.project_id),
  environmentId: String(r.environment_id),
  planId: String(r.plan_id),
  status: String(r.status) as RunStatus,
  workflowId: String(r.workflow_id),
  requestedBy: String(r.requested_by),
  idempotencyKey: nullable(r.idempotency_key),
  createdAt: String(r.created_at),
  updatedAt: String(r.updated_at),
  startedAt: nullable(r.started_at),
  finishedAt: nullable(r.finished_at),
});
