/**
 * The longest path through a DAG weighted by node durations (seconds; a missing id counts 0),
 * over the nodes of `subset` when given (edges leaving the subset are ignored). Ties go to the
 * path found first in topological order, so the answer is deterministic.
 */
export function criticalPath(
  order: readonly string[],
  parents: ReadonlyMap<string, readonly string[]>,
  durations: ReadonlyMap<string, number>,
  subset?: ReadonlySet<string>,
): { readonly path: readonly string[]; readonly total: number } {
  const finish = new Map<string, number>();
  const via = new Map<string, string>();
  let bestEnd: string | null = null;
  let bestTotal = -1;
  for (const id of order) {
    if (subset && !subset.has(id)) continue;
    let start = 0;
    let from: string | null = null;
    for (const parent of parents.get(id) ?? []) {
      const end = finish.get(parent);
      if (end !== undefined && (end > start || from === null)) {
        start = end;
        from = parent;
      }
    }
    const own = durations.get(id) ?? 0;
    const total = start + (Number.isFinite(own) && own > 0 ? own : 0);
    finish.set(id, total);
    if (from !== null) via.set(id, from);
    if (total > bestTotal) {
      bestTotal = total;
      bestEnd = id;
    }
  }
  if (bestEnd === null) return { path: [], total: 0 };
  const path: string[] = [];
  for (let id: string | undefined = bestEnd; id !== undefined; id = via.get(id)) path.push(id);
  return { path: path.reverse(), total: bestTotal };
}
