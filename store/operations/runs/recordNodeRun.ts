import type { Knex } from 'knex';
import { newId, toJson } from '../../rows';
import type { NodeRun } from '../../types';
import { mapNodeRun } from './mapNodeRun';

export type NewNodeRun = Omit<NodeRun, 'id'>;

/**
 * Records (or updates) one attempt of one node in a run: the same (run, node, attempt) is one row,
 * so an activity retried by Temporal after a crash does not duplicate it.
 */
export async function recordNodeRun({ db, nodeRun }: { db: Knex; nodeRun: NewNodeRun }): Promise<NodeRun> {
  const n = nodeRun;
  const values = {
    status: n.status,
    started_at: n.startedAt,
    completed_at: n.completedAt,
    execution_time: n.executionTime,
    adapter_response: toJson(n.adapterResponse),
    message: n.message,
  };
  await db('node_runs')
    .insert({ id: newId(), tenant_id: n.tenantId, run_id: n.runId, unique_id: n.uniqueId, node_uuid: n.nodeUuid, attempt: n.attempt, ...values })
    .onConflict(['run_id', 'unique_id', 'attempt'])
    .merge(values);
  const row = (await db('node_runs')
    .where({ tenant_id: n.tenantId, run_id: n.runId, unique_id: n.uniqueId, attempt: n.attempt })
    .first()) as Record<string, unknown>;
  return mapNodeRun(row);
}
