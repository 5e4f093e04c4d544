import fc from 'fast-check';
import { verifyPlanHash } from '../../../domain/plan/canonical';
import {
  blockedInChunk, DagScheduler, rerunFromFailure, splitIntoChunks, toRunnableNodes, type NodeOutcome, type NodeState,
} from '../../../workflows/dag';
import { generatedNodes, makePlan, type NodeSpec } from './planFixture';

/** Drives a scheduler to the end: each round finishes the running nodes in start order. */
function drive(nodes: NodeSpec[], options: { concurrency: number; failFast?: boolean }, outcome: (id: string) => NodeOutcome = () => 'success') {
  const runnable = toRunnableNodes(makePlan({ nodes }));
  const s = new DagScheduler(runnable, { concurrency: options.concurrency, failFast: options.failFast ?? false });
  const starts: string[][] = [];
  let maxInFlight = 0;
  for (let guard = 0; guard < 10_000 && !s.done; guard++) {
    const started = s.take();
    maxInFlight = Math.max(maxInFlight, s.inFlight);
    starts.push(started.map((i) => runnable[i]?.id ?? '?'));
    // Finish the first running node (oldest start) each step.
    const running = runnable.map((_, i) => i).filter((i) => s.stateOf(i) === 'running');
    const first = running[0];
    if (first !== undefined) s.finish(first, outcome(runnable[first]?.id ?? ''));
  }
  const states = Object.fromEntries(runnable.map((n, i) => [n.id, s.stateOf(i)]));
  return { starts, states, maxInFlight, scheduler: s };
}

describe('DagScheduler', () => {
  const diamond: NodeSpec[] = [
    { id: 'model.p.a', seconds: 1 },
    { id: 'model.p.b', deps: ['model.p.a'], seconds: 10 },
    { id: 'model.p.c', deps: ['model.p.a'], seconds: 1 },
    { id: 'model.p.d', deps: ['model.p.b', 'model.p.c'], seconds: 1 },
  ];

  it('starts a node only when its parents are done', () => {
    const { starts, states } = drive(diamond, { concurrency: 4 });
    expect(starts[0]).toEqual(['model.p.a']);
    expect(starts[1]).toEqual(['model.p.b', 'model.p.c']);
    expect(starts.flat().indexOf('model.p.d')).toBeGreaterThan(starts.flat().indexOf('model.p.c'));
    expect(Object.values(states).every((s) => s === 'success')).toBe(true);
  });

  it('prefers the longest remaining critical path, then priority, then unique_id', () => {
    const nodes: NodeSpec[] = [
      { id: 'model.p.short', seconds: 1, priority: 100 },
      { id: 'model.p.long', seconds: 2 },
      { id: 'model.p.long_tail', deps: ['model.p.long'], seconds: 50 },
      { id: 'model.p.tie_b', seconds: 1, priority: 5 },
      { id: 'model.p.tie_a', seconds: 1, priority: 5 },
      { id: 'model.p.tie_c', seconds: 1, priority: 9 },
    ];
    const runnable = toRunnableNodes(makePlan({ nodes }));
    const s = new DagScheduler(runnable, { concurrency: 1, failFast: false });
    const order: string[] = [];
    while (!s.done) {
      const [i] = s.take();
      if (i === undefined) break;
      order.push(runnable[i]?.id ?? '');
      s.finish(i, 'success');
    }
    expect(order).toEqual(['model.p.long', 'model.p.long_tail', 'model.p.short', 'model.p.tie_c', 'model.p.tie_a', 'model.p.tie_b']);
  });

  it('never has more than N nodes in flight', () => {
    const { maxInFlight, states } = drive(generatedNodes(200, 40), { concurrency: 7 });
    expect(maxInFlight).toBe(7);
    expect(Object.values(states).filter((s) => s !== 'success')).toEqual([]);
  });

  it('runs SKIP nodes as no activity and without a slot, and their children still run', () => {
    const nodes: NodeSpec[] = [
      { id: 'model.p.a', action: 'SKIP' },
      { id: 'model.p.b', deps: ['model.p.a'], action: 'SKIP' },
      { id: 'model.p.c', deps: ['model.p.b'] },
    ];
    const { starts, states } = drive(nodes, { concurrency: 1 });
    expect(starts.flat()).toEqual(['model.p.c']);
    expect(states).toEqual({ 'model.p.a': 'skipped', 'model.p.b': 'skipped', 'model.p.c': 'success' });
  });

  it('skips the descendants of a failed node and lets other branches finish', () => {
    const nodes: NodeSpec[] = [
      ...diamond,
      { id: 'model.p.e', deps: ['model.p.d'] },
      { id: 'model.q.x' },
      { id: 'model.q.y', deps: ['model.q.x'] },
    ];
    const { states, scheduler } = drive(nodes, { concurrency: 2 }, (id) => (id === 'model.p.b' ? 'failed' : 'success'));
    expect(states).toEqual({
      'model.p.a': 'success', 'model.p.b': 'failed', 'model.p.c': 'success', 'model.p.d': 'upstream_failed',
      'model.p.e': 'upstream_failed', 'model.q.x': 'success', 'model.q.y': 'success',
    });
    expect(scheduler.settled).toBe(true);
    expect(scheduler.counts()).toMatchObject({ success: 4, failed: 1, upstream_failed: 2 });
  });

  it('failFast stops starting anything after the first failure', () => {
    const nodes: NodeSpec[] = [{ id: 'model.p.a', seconds: 9 }, { id: 'model.p.b', seconds: 5 }, { id: 'model.p.c', seconds: 1 }, { id: 'model.p.d', deps: ['model.p.c'] }];
    const runnable = toRunnableNodes(makePlan({ nodes }));
    const s = new DagScheduler(runnable, { concurrency: 2, failFast: true });
    expect(s.take().map((i) => runnable[i]?.id)).toEqual(['model.p.a', 'model.p.b']);
    s.finish(0, 'failed');
    expect(s.take()).toEqual([]);
    expect(s.done).toBe(false);
    s.finish(1, 'interrupted');
    expect(s.done).toBe(true);
    expect(runnable.map((_, i) => s.stateOf(i))).toEqual(['failed', 'interrupted', 'not_run', 'not_run']);
  });

  it('is deterministic and always settles (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1000 }), (count, width, concurrency, seed) => {
        const nodes = generatedNodes(count, width);
        const fail = (id: string) => ((id.length + seed + Number(id.slice(-3))) % 11 === 0 ? 'failed' : 'success') as NodeOutcome;
        const one = drive(nodes, { concurrency }, fail);
        const two = drive(nodes, { concurrency }, fail);
        expect(one.starts).toEqual(two.starts);
        expect(one.scheduler.settled).toBe(true);
        expect(one.maxInFlight).toBeLessThanOrEqual(concurrency);
        // A node ran only if all its parents finished well.
        for (const spec of nodes) {
          const ran = one.states[spec.id] === 'success' || one.states[spec.id] === 'failed';
          if (ran) for (const d of spec.deps ?? []) expect(one.states[d]).toBe('success');
          else expect(one.states[spec.id]).toBe('upstream_failed');
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('chunks for big plans', () => {
  it('splits 5,000 nodes into chunks of at most 500 whose upstream is never in a later chunk', () => {
    const nodes = toRunnableNodes(makePlan({ nodes: generatedNodes(5000, 250, 3) }));
    const chunks = splitIntoChunks(nodes, 500);
    expect(chunks).toHaveLength(10);
    const chunkOf = new Map<number, number>();
    chunks.forEach((c, k) => c.members.forEach((g) => chunkOf.set(g, k)));
    expect(chunkOf.size).toBe(5000);
    chunks.forEach((c, k) => {
      expect(c.members.length).toBeLessThanOrEqual(500);
      c.external.forEach((ups) => ups.forEach((u) => expect(chunkOf.get(u)).toBeLessThan(k)));
      c.nodes.forEach((n, l) => {
        const original = nodes[c.members[l] as number];
        expect(n.up.length + (c.external[l]?.length ?? 0)).toBe(original?.up.length);
      });
    });
  });

  it('blocks the nodes of a chunk whose upstream in an earlier chunk failed', () => {
    const nodes = toRunnableNodes(makePlan({ nodes: [{ id: 'model.p.a' }, { id: 'model.p.b' }, { id: 'model.p.c', deps: ['model.p.a'] }, { id: 'model.p.d', deps: ['model.p.b'] }] }));
    const [first, second] = splitIntoChunks(nodes, 2);
    expect(first?.members).toEqual([0, 1]);
    const global: NodeState[] = ['failed', 'success', 'pending', 'pending'];
    expect(blockedInChunk(second!, global).map((l) => second!.nodes[l]?.id)).toEqual(['model.p.c']);
  });
});

describe('rerun from failure', () => {
  it('keeps the failed and not-run nodes only, with upstream re-derived through the nodes left out', () => {
    const plan = makePlan({
      nodes: [
        { id: 'model.p.a' }, { id: 'model.p.b', deps: ['model.p.a'] }, { id: 'model.p.c', deps: ['model.p.b'] },
        { id: 'model.p.d', deps: ['model.p.c'] }, { id: 'model.q.x' },
      ],
    });
    const rerun = rerunFromFailure(
      plan,
      { 'model.p.a': 'success', 'model.p.b': 'failed', 'model.p.c': 'upstream_failed', 'model.p.d': 'upstream_failed', 'model.q.x': 'success' },
      { id: 'plan-rerun', createdAt: '2026-11-21T00:00:00.000Z', requestedBy: 'bob', fromRunId: 'run-1' },
    );
    expect(rerun?.nodes.map((n) => [n.uniqueId, n.upstream])).toEqual([
      ['model.p.b', []], ['model.p.c', ['model.p.b']], ['model.p.d', ['model.p.c']],
    ]);
    expect(rerun?.totals.nodes.total).toBe(3);
    expect(rerun?.id).toBe('plan-rerun');
    expect(verifyPlanHash(plan)).toBe(true);
    expect(rerunFromFailure(plan, Object.fromEntries(plan.nodes.map((n) => [n.uniqueId, 'success'])), { id: 'x', createdAt: 'x', requestedBy: null, fromRunId: 'r' })).toBeNull();
  });
});
