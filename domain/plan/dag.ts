/**
 * The plan's own DAG: for each plan node the nearest upstream nodes that are also in the plan,
 * found through nodes that are not (as dbt's subset graph does), so the workflow can order the
 * plan without the manifest. Then a deterministic topological order over it.
 *
 * Hot loops work on integer positions, not id strings: `indexDag` gives the same DAG as arrays
 * indexed by position in `order` (built once per DAG and memoized).
 */
import type { LogicalGraph } from '../graph/types';
import { topologicalSort } from '../graph/order';

export interface PlanDag {
  /** Plan node ids in topological order, ties broken by unique_id. */
  readonly order: readonly string[];
  readonly upstream: ReadonlyMap<string, readonly string[]>;
  readonly downstream: ReadonlyMap<string, readonly string[]>;
}

/** A PlanDag by position in `order`; each list keeps the order of the id lists it mirrors. */
export interface IndexedDag {
  readonly order: readonly string[];
  /** Position of a plan node in `order`, or undefined for an id outside the plan. */
  positionOf(id: string): number | undefined;
  readonly up: readonly (readonly number[])[];
  readonly down: readonly (readonly number[])[];
  /** Length of each node's upstream id list (it may name ids outside `order`, e.g. in a hand-made DAG). */
  readonly upstreamCount: Int32Array;
}

const indexed = new WeakMap<PlanDag, IndexedDag>();

/**
 * A read-only Map view over values stored by index: `keys[i]` maps to `values[i]`, `indexOf`
 * finds i. Saves building one more 100k-entry Map per plan for data already held in arrays.
 */
export class IndexedMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly keyList: readonly string[],
    private readonly valueList: readonly V[],
    private readonly indexOf: (key: string) => number | undefined,
  ) {}
  get size(): number {
    return this.keyList.length;
  }
  get(key: string): V | undefined {
    const i = this.indexOf(key);
    return i === undefined ? undefined : this.valueList[i];
  }
  has(key: string): boolean {
    return this.indexOf(key) !== undefined;
  }
  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    this.keyList.forEach((key, i) => callback.call(thisArg, this.valueList[i] as V, key, this));
  }
  *entries(): MapIterator<[string, V]> {
    for (let i = 0; i < this.keyList.length; i++) yield [this.keyList[i] as string, this.valueList[i] as V];
  }
  keys(): MapIterator<string> {
    return this.keyList.values();
  }
  values(): MapIterator<V> {
    return this.valueList.values();
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}

/** The positional view of `dag` (memoized per DAG object). */
export function indexDag(dag: PlanDag): IndexedDag {
  const known = indexed.get(dag);
  if (known !== undefined) return known;
  const position = new Map<string, number>();
  dag.order.forEach((id, i) => position.set(id, i));
  const positions = (ids: readonly string[] | undefined): number[] => {
    const out: number[] = [];
    for (const id of ids ?? []) {
      const p = position.get(id);
      if (p !== undefined) out.push(p);
    }
    return out;
  };
  const result: IndexedDag = {
    order: dag.order,
    positionOf: (id) => position.get(id),
    up: dag.order.map((id) => positions(dag.upstream.get(id))),
    down: dag.order.map((id) => positions(dag.downstream.get(id))),
    upstreamCount: Int32Array.from(dag.order, (id) => dag.upstream.get(id)?.length ?? 0),
  };
  indexed.set(dag, result);
  return result;
}

/** Kahn's algorithm over sorted-id indices, smallest index first (= smallest unique_id), or null on a cycle. */
function kahn(up: readonly (readonly number[])[], down: readonly (readonly number[])[]): number[] | null {
  const n = up.length;
  const degree = new Int32Array(n);
  const heap: number[] = [];
  const push = (x: number): void => {
    let i = heap.length;
    heap.push(x);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as number) <= x) break;
      heap[i] = heap[parent] as number;
      i = parent;
    }
    heap[i] = x;
  };
  const pop = (): number => {
    const top = heap[0] as number;
    const last = heap.pop() as number;
    if (heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && (heap[right] as number) < (heap[left] as number) ? right : left;
      if ((heap[child] as number) >= last) break;
      heap[i] = heap[child] as number;
      i = child;
    }
    heap[i] = last;
    return top;
  };
  for (let i = 0; i < n; i++) {
    degree[i] = (up[i] as readonly number[]).length;
    if (degree[i] === 0) push(i);
  }
  const order: number[] = [];
  while (heap.length > 0) {
    const i = pop();
    order.push(i);
    for (const c of down[i] as readonly number[]) {
      const left = (degree[c] as number) - 1;
      degree[c] = left;
      if (left === 0) push(c);
    }
  }
  return order.length === n ? order : null;
}

export function buildPlanDag(graph: LogicalGraph, planIds: ReadonlySet<string>): PlanDag {
  const ids = [...planIds].sort();
  const n = ids.length;
  const sortedIndex = new Map<string, number>();
  ids.forEach((id, i) => sortedIndex.set(id, i));
  // A stamp per plan node deduplicates without a Set per node.
  const stamp = new Int32Array(n).fill(-1);
  let round = 0;
  const collect = (into: number[], p: number): void => {
    if (stamp[p] !== round) {
      stamp[p] = round;
      into.push(p);
    }
  };

  // For a node outside the plan: the plan nodes reachable upstream through non-plan nodes only.
  const frontier = new Map<string, readonly number[]>();
  const frontierOf = (id: string): readonly number[] => {
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
      let pending = false;
      for (const p of graph.parents(top)) {
        if (!sortedIndex.has(p) && !frontier.has(p)) {
          stack.push(p);
          pending = true;
        }
      }
      if (pending) continue;
      round++;
      const found: number[] = [];
      for (const p of graph.parents(top)) {
        const i = sortedIndex.get(p);
        if (i !== undefined) collect(found, i);
        else for (const q of frontier.get(p) ?? []) collect(found, q);
      }
      frontier.set(top, found.sort((a, b) => a - b));
      stack.pop();
    }
    return frontier.get(id) ?? [];
  };

  const up: number[][] = [];
  const down: number[][] = ids.map(() => []);
  const nodeStamp = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const found: number[] = [];
    nodeStamp[i] = i; // a node is never its own upstream
    const add = (j: number): void => {
      if (nodeStamp[j] !== i) {
        nodeStamp[j] = i;
        found.push(j);
      }
    };
    for (const p of graph.parents(ids[i] as string)) {
      const j = sortedIndex.get(p);
      if (j !== undefined) add(j);
      else for (const q of frontierOf(p)) add(q);
    }
    found.sort((a, b) => a - b);
    up.push(found);
    for (const p of found) (down[p] as number[]).push(i);
  }

  const lookup = (id: string): number | undefined => sortedIndex.get(id);
  const names = (list: readonly number[]): readonly string[] => list.map((j) => ids[j] as string);
  const upstream = new IndexedMap(ids, up.map(names), lookup);
  const downstream = new IndexedMap(ids, down.map(names), lookup);

  const sorted = kahn(up, down);
  // A cycle: let the graph's sort name it in its error.
  if (sorted === null) return { order: topologicalSort(ids, upstream, downstream), upstream, downstream };
  const order = sorted.map((i) => ids[i] as string);
  const dag: PlanDag = { order, upstream, downstream };
  const positionOfSorted = new Int32Array(n);
  sorted.forEach((s, p) => (positionOfSorted[s] = p));
  const toPositions = (lists: readonly (readonly number[])[]): number[][] => sorted.map((s) => (lists[s] as readonly number[]).map((j) => positionOfSorted[j] as number));
  const upPositions = toPositions(up);
  indexed.set(dag, {
    order,
    positionOf: (id) => {
      const i = sortedIndex.get(id);
      return i === undefined ? undefined : positionOfSorted[i];
    },
    up: upPositions,
    down: toPositions(down),
    upstreamCount: Int32Array.from(upPositions, (u) => u.length),
  });
  return dag;
}
