/**
 * Estimated wall-clock time of a plan at a given concurrency: a list-scheduling simulation of the
 * run workflow (ARCHITECTURE §5). A node starts when its upstream is done; among ready nodes the
 * highest priority starts first, then the longest remaining critical path, then the smallest id.
 * Nodes with no duration (SKIP) finish the moment they are ready and take no slot.
 */
import { Heap } from './heap';
import { roundTo } from './estimate';
import type { PlanDag } from './dag';

export interface MakespanInput {
  readonly dag: PlanDag;
  /** Seconds each node occupies a slot (0 for nodes that do not run). */
  readonly seconds: ReadonlyMap<string, number>;
  readonly priority: ReadonlyMap<string, number>;
  readonly concurrency: number;
}

interface Ready {
  readonly id: string;
  readonly priority: number;
  readonly tail: number;
}

interface Running {
  readonly id: string;
  readonly end: number;
}

/** Longest duration-weighted path from each node to the end of the plan, itself included. */
export function remainingPaths(dag: PlanDag, seconds: ReadonlyMap<string, number>): Map<string, number> {
  const tail = new Map<string, number>();
  for (let i = dag.order.length - 1; i >= 0; i--) {
    const id = dag.order[i] as string;
    let best = 0;
    for (const c of dag.downstream.get(id) ?? []) best = Math.max(best, tail.get(c) ?? 0);
    tail.set(id, best + (seconds.get(id) ?? 0));
  }
  return tail;
}

export function estimateMakespan(input: MakespanInput): number {
  const { dag, seconds, priority } = input;
  const slots = Math.max(1, Math.floor(input.concurrency));
  const tail = remainingPaths(dag, seconds);
  const waiting = new Map<string, number>();
  for (const id of dag.order) waiting.set(id, (dag.upstream.get(id) ?? []).length);

  const ready = new Heap<Ready>((a, b) =>
    a.priority !== b.priority ? a.priority > b.priority : a.tail !== b.tail ? a.tail > b.tail : a.id < b.id,
  );
  const running = new Heap<Running>((a, b) => (a.end !== b.end ? a.end < b.end : a.id < b.id));
  // Nodes that take no time finish as soon as they are ready, releasing their own downstream.
  const enqueue = (id: string, instant: string[]): void => {
    if ((seconds.get(id) ?? 0) <= 0) instant.push(id);
    else ready.push({ id, priority: priority.get(id) ?? 0, tail: tail.get(id) ?? 0 });
  };
  const release = (first: string): void => {
    const instant = [first];
    while (instant.length > 0) {
      const id = instant.pop() as string;
      for (const c of dag.downstream.get(id) ?? []) {
        const left = (waiting.get(c) ?? 0) - 1;
        waiting.set(c, left);
        if (left === 0) enqueue(c, instant);
      }
    }
  };
  const roots: string[] = [];
  for (const id of dag.order) if (waiting.get(id) === 0) enqueue(id, roots);
  for (const id of roots) release(id);

  let now = 0;
  let makespan = 0;
  for (;;) {
    while (ready.size > 0 && running.size < slots) {
      const next = ready.pop() as Ready;
      running.push({ id: next.id, end: now + (seconds.get(next.id) ?? 0) });
    }
    const done = running.pop();
    if (done === undefined) break;
    now = done.end;
    makespan = Math.max(makespan, now);
    release(done.id);
    while (running.size > 0 && (running.peek() as Running).end === now) release((running.pop() as Running).id);
  }
  return roundTo(makespan, 3);
}
