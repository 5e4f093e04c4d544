import { ArtifactError } from '../errors';

/** A binary min-heap of strings (code-unit order): Kahn's algorithm pops the smallest ready id. */
class MinHeap {
  private readonly items: string[] = [];
  get size(): number {
    return this.items.length;
  }
  push(item: string): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((items[parent] as string) <= item) break;
      items[i] = items[parent] as string;
      i = parent;
    }
    items[i] = item;
  }
  pop(): string | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && (items[right] as string) < (items[left] as string) ? right : left;
      if ((items[child] as string) >= last) break;
      items[i] = items[child] as string;
      i = child;
    }
    items[i] = last;
    return top;
  }
}

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
  const ready = new MinHeap();
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
