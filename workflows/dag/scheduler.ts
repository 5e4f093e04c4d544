/**
 * The DAG interpreter's pure core: which nodes may start now, and what a result does to the rest.
 * No Temporal, no clock: the workflow feeds it results and starts what it hands out, so the same
 * sequence of results always yields the same sequence of starts (replay-safe).
 */
import { Heap } from '../../domain/collections/heap';
import { downstreamOf, remainingCriticalPath } from './criticalPath';
import { isFinal, nodeStates, type NodeCounts, type NodeOutcome, type NodeState, type RunnableNode } from './types';

export interface SchedulerOptions {
  /** Most nodes running at once (SKIP nodes take no slot). */
  readonly concurrency: number;
  /** Stop starting nodes after the first failure (the caller cancels the ones running). */
  readonly failFast: boolean;
}

export class DagScheduler {
  private readonly state: NodeState[];
  private readonly waiting: number[];
  private readonly down: number[][];
  private readonly tail: number[];
  private readonly ready: Heap<number>;
  private running = 0;
  private stopped = false;
  private readonly concurrency: number;

  constructor(private readonly nodes: readonly RunnableNode[], private readonly options: SchedulerOptions) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency));
    this.down = downstreamOf(nodes);
    this.tail = remainingCriticalPath(nodes, this.down);
    this.state = nodes.map(() => 'pending');
    this.waiting = nodes.map((n) => n.up.length);
    // Longest remaining critical path first, then the plan's priority, then unique_id: a total order.
    this.ready = new Heap<number>((a, b) => {
      const ta = this.tail[a] ?? 0;
      const tb = this.tail[b] ?? 0;
      if (ta !== tb) return ta > tb;
      const pa = nodes[a]?.priority ?? 0;
      const pb = nodes[b]?.priority ?? 0;
      if (pa !== pb) return pa > pb;
      return (nodes[a]?.id ?? '') < (nodes[b]?.id ?? '');
    });
    const roots: number[] = [];
    this.waiting.forEach((w, i) => {
      if (w === 0) roots.push(i);
    });
    this.enqueue(roots);
  }

  /** Marks nodes as `upstream_failed` (with their descendants) because of a failure outside this DAG. */
  block(indices: readonly number[]): void {
    for (const i of indices) if (this.state[i] === 'pending') this.failDescendants(i, true);
  }

  /** Hands out the nodes to start now, best first, and marks them running. */
  take(): number[] {
    const started: number[] = [];
    while (!this.stopped && this.running < this.concurrency && this.ready.size > 0) {
      const i = this.ready.pop() as number;
      if (this.state[i] !== 'pending') continue;
      this.state[i] = 'running';
      this.running += 1;
      started.push(i);
    }
    return started;
  }

  /** Records the outcome of a node handed out by `take`. */
  finish(i: number, outcome: NodeOutcome): void {
    if (this.state[i] !== 'running') throw new Error(`node ${this.nodes[i]?.id ?? i} is not running (${this.state[i] ?? 'unknown'})`);
    this.running -= 1;
    this.state[i] = outcome;
    switch (outcome) {
      case 'success':
      case 'warning':
        this.release(i);
        return;
      case 'failed':
        this.failDescendants(i, false);
        if (this.options.failFast) this.stop();
        return;
      case 'interrupted':
        this.failDescendants(i, false);
        return;
      default: {
        const unreachable: never = outcome;
        throw new Error(`unknown outcome ${String(unreachable)}`);
      }
    }
  }

  /** Starts nothing more: every node that has not started becomes `not_run` (fail-fast, cancel). */
  stop(): void {
    this.stopped = true;
    this.state.forEach((s, i) => {
      if (s === 'pending') this.state[i] = 'not_run';
    });
  }

  /** True when nothing runs and nothing more can start. */
  get done(): boolean {
    return this.running === 0 && (this.stopped || this.ready.size === 0);
  }

  get inFlight(): number {
    return this.running;
  }

  get failed(): boolean {
    return this.state.some((s) => s === 'failed');
  }

  stateOf(i: number): NodeState {
    return this.state[i] ?? 'pending';
  }

  states(): readonly NodeState[] {
    return this.state;
  }

  counts(): NodeCounts {
    const counts = Object.fromEntries(nodeStates.map((s) => [s, 0])) as Record<NodeState, number>;
    for (const s of this.state) counts[s] += 1;
    return counts;
  }

  /** Every node has a final state (after `done`, unless the plan had a cycle). */
  get settled(): boolean {
    return this.state.every(isFinal);
  }

  /** A parent finished well: children whose parents are all done become ready. */
  private release(i: number): void {
    const ready: number[] = [];
    for (const c of this.down[i] ?? []) {
      this.waiting[c] = (this.waiting[c] ?? 0) - 1;
      if (this.waiting[c] === 0 && this.state[c] === 'pending') ready.push(c);
    }
    this.enqueue(ready);
  }

  /** Ready nodes join the heap; SKIP nodes finish at once (no activity, no slot) and release theirs. */
  private enqueue(first: readonly number[]): void {
    const instant = [...first];
    while (instant.length > 0) {
      const i = instant.shift() as number;
      if (this.stopped) {
        this.state[i] = 'not_run';
        continue;
      }
      if (this.nodes[i]?.action === 'SKIP') {
        this.state[i] = 'skipped';
        for (const c of this.down[i] ?? []) {
          this.waiting[c] = (this.waiting[c] ?? 0) - 1;
          if (this.waiting[c] === 0 && this.state[c] === 'pending') instant.push(c);
        }
      } else this.ready.push(i);
    }
  }

  /** Every descendant that has not started is `upstream_failed`; other branches go on. */
  private failDescendants(i: number, includeSelf: boolean): void {
    const stack = includeSelf ? [i] : [...(this.down[i] ?? [])];
    while (stack.length > 0) {
      const j = stack.pop() as number;
      if (this.state[j] !== 'pending') continue;
      this.state[j] = 'upstream_failed';
      stack.push(...(this.down[j] ?? []));
    }
  }
}
