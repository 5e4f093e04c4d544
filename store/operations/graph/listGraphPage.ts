import type { Knex } from 'knex';
import type { Page, StoredEdge, StoredNode } from '../../types';
import { mapStoredNode } from './mapStoredNode';

/**
 * One page of a version's graph, nodes in unique_id order after the cursor `after`, with the edges
 * that end at those nodes: walking every page yields each node and each edge exactly once.
 */
export async function listGraphPage(args: {
  db: Knex;
  tenantId: string;
  versionId: string;
  after?: string | null;
  limit: number;
}): Promise<Page<StoredNode> & { edges: readonly StoredEdge[] }> {
  const { db, tenantId, versionId, limit } = args;
  const q = db('graph_nodes').where({ tenant_id: tenantId, version_id: versionId });
  if (args.after) void q.andWhere('unique_id', '>', args.after);
  const rows = (await q.orderBy('unique_id').limit(limit + 1)) as Record<string, unknown>[];
  const items = rows.slice(0, limit).map(mapStoredNode);
  const ids = items.map((n) => n.uniqueId);
  const edges: StoredEdge[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const found = (await db('graph_edges')
      .where({ tenant_id: tenantId, version_id: versionId })
      .whereIn('to_id', chunk)
      .orderBy(['to_id', 'from_id'])) as Array<{ from_id: string; to_id: string }>;
    for (const e of found) edges.push({ from: e.from_id, to: e.to_id });
  }
  const last = items[items.length - 1];
  return { items, edges, next: rows.length > limit && last ? last.uniqueId : null };
}
