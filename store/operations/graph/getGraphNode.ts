import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import type { StoredNode } from '../../types';
import { mapStoredNode } from './mapStoredNode';

/** One node of a version with its parents and children (unique_ids). */
export async function getGraphNode(args: {
  db: Knex;
  tenantId: string;
  versionId: string;
  uniqueId: string;
}): Promise<StoredNode & { parents: string[]; children: string[] }> {
  const { db, tenantId, versionId, uniqueId } = args;
  const row = (await db('graph_nodes').where({ tenant_id: tenantId, version_id: versionId, unique_id: uniqueId }).first()) as
    | Record<string, unknown>
    | undefined;
  if (!row) throw new NotFoundError('node', uniqueId);
  const scope = { tenant_id: tenantId, version_id: versionId };
  const parents = (await db('graph_edges').where({ ...scope, to_id: uniqueId }).orderBy('from_id').pluck('from_id')) as string[];
  const children = (await db('graph_edges').where({ ...scope, from_id: uniqueId }).orderBy('to_id').pluck('to_id')) as string[];
  return { ...mapStoredNode(row), parents, children };
}
