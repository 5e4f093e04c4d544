/**
 * Estimated wall-clock time of a plan at a given concurrency: a list-scheduling simulation of the
 * run workflow (ARCHITECTURE §5). A node starts when its upstream is done; among ready nodes the
 * highest priority starts first, then the longest remaining critical path, then the smallest id.
 * Nodes with no duration (SKIP) finish the moment they are ready and take no slot.
 * The simulation runs on positions in DAG order (typed arrays, binary heaps of integers).
 */
import { Heap } from '../collections/heap';
import { roundTo } from './estimate';
import { indexDag, type IndexedDag, type PlanDag } from './dag';

export interface MakespanInput {
  readonly dag: PlanDag;
  /** Seconds each node occupies a slot (0 for nodes that do not run). */
  readonly seconds: ReadonlyMap<string, number>;
  readonly priority: ReadonlyMap<string, number>;
  readonly concurrency: number;
}

/** Longest duration-weighted path from each node to the end of the plan, itself included. */
export function remainingPaths(dag: PlanDag, seconds: ReadonlyMap<string, number>): Map<string, number> {
  const idag = indexDag(dag);
  const tail = tailsOf(idag, Float64Array.from(dag.order, (id) => seconds.get(id) ?? 0));
  const out = new Map<string, number>();
  dag.order.forEach((id, i) => out.set(id, tail[i] as number));
  return out;
}

function tailsOf(dag: IndexedDag, seconds: Float64Array): Float64Array {
  const tail = new Float64Array(dag.order.length);
  for (let i = dag.order.length - 1; i >= 0; i--) {
    let best = 0;
    for (const c of dag.down[i] as readonly number[]) best = Math.max(best, tail[c] as number);
    tail[i] = best + (seconds[i] as number);
  }
  return tail;
}

export function estimateMakespan(input: MakespanInput): number {
  const { dag } = input;
  return makespanByPosition(
    indexDag(dag),
    Float64Array.from(dag.order, (id) => input.seconds.get(id) ?? 0),
    Float64Array.from(dag.order, (id) => input.priority.get(id) ?? 0),
    input.concurrency,
  );
}

/** The simulation over positions: `seconds[i]` and `priority[i]` belong to `dag.order[i]`. */
export function makespanByPosition(dag: IndexedDag, seconds: Float64Array, priority: Float64Array, concurrency: number): number {
  const { order } = dag;
  const slots = Math.max(1, Math.floor(concurrency));
  const tail = tailsOf(dag, seconds);
  const waiting = Int32Array.from(dag.upstreamCount);
  const end = new Float64Array(order.length);

  const ready = new Heap<number>((a, b) => {
    const pa = priority[a] as number;
    const pb = priority[b] as number;
    if (pa !== pb) return pa > pb;
    const ta = tail[a] as number;
    const tb = tail[b] as number;
    return ta !== tb ? ta > tb : (order[a] as string) < (order[b] as string);
  });
  const running = new Heap<number>((a, b) => {
    const ea = end[a] as number;
    const eb = end[b] as number;
    return ea !== eb ? ea < eb : (order[a] as string) < (order[b] as string);
  });
  // Nodes that take no time finish as soon as they are ready, releasing their own downstream.
  const enqueue = (i: number, instant: number[]): void => {
    if ((seconds[i] as number) <= 0) instant.push(i);
    else ready.push(i);
  };
  const release = (first: number): void => {
    const instant = [first];
    while (instant.length > 0) {
      const i = instant.pop() as number;
      for (const c of dag.down[i] as readonly number[]) {
        const left = (waiting[c] as number) - 1;
        waiting[c] = left;
        if (left === 0) enqueue(c, instant);
      }
    }
  };
  const roots: number[] = [];
  for (let i = 0; i < order.length; i++) if (waiting[i] === 0) enqueue(i, roots);
  for (const i of roots) release(i);

  let now = 0;
  let makespan = 0;
  for (;;) {
    while (ready.size > 0 && running.size < slots) {
      const next = ready.pop() as number;
      end[next] = now + (seconds[next] as number);
      running.push(next);
    }
    const done = running.pop();
    if (done === undefined) break;
    now = end[done] as number;
    makespan = Math.max(makespan, now);
    release(done);
    while (running.size > 0 && end[running.peek() as number] === now) release(running.pop() as number);
  }
  return roundTo(makespan, 3);
}
