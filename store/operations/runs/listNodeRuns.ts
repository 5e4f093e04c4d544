import type { Knex } from 'knex';
import type { NodeRun } from '../../types';
import { mapNodeRun } from './mapNodeRun';

export async function listNodeRuns({ db, tenantId, runId }: { db: Knex; tenantId: string; runId: string }): Promise<NodeRun[]> {
  const rows = (await db('node_runs').where({ tenant_id: tenantId, run_id: runId }).orderBy(['unique_id', 'attempt'])) as Record<string, unknown>[];
  return rows.map(mapNodeRun);
}
