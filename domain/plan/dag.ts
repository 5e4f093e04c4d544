/**
 * The plan's own DAG: for each plan node the nearest upstream nodes that are also in the plan,
 * found through nodes that are not (as dbt's subset graph does), so the workflow can order the
 * plan without the manifest. Then a deterministic topological order over it.
 */
import type { LogicalGraph } from '../graph/types';
import { topologicalSort } from '../graph/order';

export interface PlanDag {
  /** Plan node ids in topological order, ties broken by unique_id. */
  readonly order: readonly string[];
  readonly upstream: ReadonlyMap<string, readonly string[]>;
  readonly downstream: ReadonlyMap<string, readonly string[]>;
}

export function buildPlanDag(graph: LogicalGraph, planIds: ReadonlySet<string>): PlanDag {
  // For a node outside the plan: the plan nodes reachable upstream through non-plan nodes only.
  const frontier = new Map<string, readonly string[]>();
  const frontierOf = (id: string): readonly string[] => {
    const known = frontier.get(id);
    if (known !== undefined) return known;
    // Iterative post-order so deep chains of non-plan nodes cannot overflow the stack.
    const stack: string[] = [id];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as string;
      if (frontier.has(top)) {
        stack.pop();
        continue;
      }
      const pending = graph.parents(top).filter((p) => !planIds.has(p) && !frontier.has(p));
      if (pending.length > 0) {
        stack.push(...pending);
        continue;
      }
      const found = new Set<string>();
      for (const p of graph.parents(top)) {
        if (planIds.has(p)) found.add(p);
        else for (const q of frontier.get(p) ?? []) found.add(q);
      }
      frontier.set(top, [...found].sort());
      stack.pop();
    }
    return frontier.get(id) ?? [];
  };

  const upstream = new Map<string, readonly string[]>();
  const downstream = new Map<string, string[]>();
  const ids = [...planIds].sort();
  for (const id of ids) downstream.set(id, []);
  for (const id of ids) {
    const found = new Set<string>();
    for (const p of graph.parents(id)) {
      if (planIds.has(p)) found.add(p);
      else for (const q of frontierOf(p)) found.add(q);
    }
    found.delete(id);
    const list = [...found].sort();
    upstream.set(id, list);
    for (const p of list) downstream.get(p)?.push(id);
  }
  const order = topologicalSort(ids, upstream, downstream);
  return { order, upstream, downstream };
}
