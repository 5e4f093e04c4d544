import { fromJson, nullable } from '../../rows';
import type { NodeRun } from '../../types';

export const mapNodeRun = (r: Record<string, unknown>): NodeRun => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  runId: String(r.run_id),
  uniqueId: String(r.unique_id),
  nodeUuid: String(r.node_uuid),
  attempt: Number(r.attempt),
  status: String(r.status),
  startedAt: nullable(r.started_at),
  completedAt: nullable(r.completed_at),
  executionTime: r.execution_time === null ? null : Number(r.execution_time),
  adapterResponse: fromJson<Record<string, unknown>>(r.adapter_response),
  message: nullable(r.message),
});
