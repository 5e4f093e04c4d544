/**
 * Big plans run as a sequence of child workflows ("chunks") so that no workflow's history nears
 * Temporal's limits. Chunks follow the DAG's levels, so every upstream of a chunk's node is in the
 * same chunk or an earlier one: chunk k can start once chunks < k are done.
 */
import { depths, downstreamOf } from './criticalPath';
import type { NodeState, RunnableNode } from './types';

export interface Chunk {
  /** Global indices of the chunk's nodes, in the chunk's local order. */
  readonly members: readonly number[];
  /** The chunk's nodes with `up` re-indexed to local positions (upstream outside the chunk dropped). */
  readonly nodes: readonly RunnableNode[];
  /** For each local node, the global indices of its upstream in earlier chunks. */
  readonly external: readonly (readonly number[])[];
}

/** Splits the plan into chunks of at most `size` nodes in (depth, unique_id) order. */
export function splitIntoChunks(nodes: readonly RunnableNode[], size: number): Chunk[] {
  const max = Math.max(1, Math.floor(size));
  const depth = depths(nodes, downstreamOf(nodes));
  const order = nodes.map((_, i) => i).sort((a, b) => {
    const da = depth[a] ?? 0;
    const db = depth[b] ?? 0;
    if (da !== db) return da - db;
    const ia = nodes[a]?.id ?? '';
    const ib = nodes[b]?.id ?? '';
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
  const chunks: Chunk[] = [];
  for (let start = 0; start < order.length; start += max) {
    const members = order.slice(start, start + max);
    const local = new Map<number, number>();
    members.forEach((g, l) => local.set(g, l));
    const chunkNodes: RunnableNode[] = [];
    const external: number[][] = [];
    for (const g of members) {
      const node = nodes[g] as RunnableNode;
      const inside: number[] = [];
      const outside: number[] = [];
      for (const u of node.up) {
        const l = local.get(u);
        if (l === undefined) outside.push(u);
        else inside.push(l);
      }
      chunkNodes.push({ ...node, up: inside });
      external.push(outside);
    }
    chunks.push({ members, nodes: chunkNodes, external });
  }
  return chunks;
}

/** Local indices of a chunk's nodes that cannot run because an upstream in an earlier chunk did not finish well. */
export function blockedInChunk(chunk: Chunk, globalStates: readonly NodeState[]): number[] {
  const blocked: number[] = [];
  chunk.external.forEach((ups, l) => {
    if (ups.some((u) => !finishedWell(globalStates[u] ?? 'pending'))) blocked.push(l);
  });
  return blocked;
}

function finishedWell(state: NodeState): boolean {
  return state === 'success' || state === 'warning' || state === 'skipped';
}
