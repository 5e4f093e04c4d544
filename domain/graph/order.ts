import { Heap } from '../collections/heap';
import { ArtifactError } from '../errors';


/** Finds one cycle among `remaining` nodes (each has a parent in `remaining`), smallest id first. */
function findCycle(remaining: ReadonlySet<string>, parents: ReadonlyMap<string, readonly string[]>): string[] {
  const start = [...remaining].sort()[0] as string;
  const seenAt = new Map<string, number>();
  const walk: string[] = [];
  let current = start;
  // Walking to any remaining parent never ends at a node without one, so it must revisit a node.
  while (!seenAt.has(current)) {
    seenAt.set(current, walk.length);
    walk.push(current);
    current = (parents.get(current) ?? []).find((p) => remaining.has(p)) as string;
  }
  // walk follows parent links (child → parent); reverse to read in dependency direction.
  return [...walk.slice(seenAt.get(current)), current].reverse();
}

/**
 * A deterministic topological order (Kahn, ties broken by the smallest unique_id). Throws an
 * `ArtifactError` (`dependency_cycle`) naming one cycle when the graph has one.
 */
export function topologicalSort(
  ids: readonly string[],
  parents: ReadonlyMap<string, readonly string[]>,
  children: ReadonlyMap<string, readonly string[]>,
): string[] {
  const inDegree = new Map<string, number>();
  const ready = new Heap<string>((a, b) => a < b);
  for (const id of ids) {
    const degree = parents.get(id)?.length ?? 0;
    inDegree.set(id, degree);
    if (degree === 0) ready.push(id);
  }
  const order: string[] = [];
  while (ready.size > 0) {
    const id = ready.pop() as string;
    order.push(id);
    for (const child of children.get(id) ?? []) {
      const degree = (inDegree.get(child) ?? 0) - 1;
      inDegree.set(child, degree);
      if (degree === 0) ready.push(child);
    }
  }
  if (order.length < ids.length) {
    const placed = new Set(order);
    const remaining = new Set(ids.filter((id) => !placed.has(id)));
    const cycle = findCycle(remaining, parents);
    throw new ArtifactError(
      `manifest: dependency cycle: ${cycle.join(' → ')}`,
      'dependency_cycle',
      'manifest',
      cycle[0] ?? null,
      'depends_on.nodes',
    );
  }
  return order;
}
