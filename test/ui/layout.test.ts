import { createAsyncLayout, LayoutCanceled } from '../../ui/src/graph/asyncLayout';
import { layoutGraph } from '../../ui/src/graph/layout';
import { layoutKey } from '../../ui/src/graph/layoutInput';
import type { LayoutInput, LayoutRequest, LayoutResponse } from '../../ui/src/graph/types';

const box = { width: 200, height: 36 };
const chain: LayoutInput = {
  nodes: [{ id: 'a', ...box }, { id: 'b', ...box }, { id: 'c', ...box }, { id: 'd', ...box }],
  edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'a', to: 'd' }],
};
const shuffled: LayoutInput = { nodes: [...chain.nodes].reverse(), edges: [...chain.edges].reverse() };

describe('layoutKey', () => {
  it('is the same for the same graph in any order, and differs when a node, size or edge differs', () => {
    expect(layoutKey(shuffled)).toBe(layoutKey(chain));
    expect(layoutKey({ ...chain, edges: chain.edges.slice(1) })).not.toBe(layoutKey(chain));
    expect(layoutKey({ ...chain, nodes: chain.nodes.map((n) => (n.id === 'a' ? { ...n, width: 201 } : n)) })).not.toBe(layoutKey(chain));
    expect(layoutKey({ ...chain, nodes: [...chain.nodes, { id: 'e', ...box }] })).not.toBe(layoutKey(chain));
  });
});

describe('layoutGraph (pure layout: elkjs up to LARGE_GRAPH_NODES)', () => {
  it('places every node, parents left of children, and ignores edges to unknown nodes and self-loops', async () => {
    const result = await layoutGraph({ ...chain, edges: [...chain.edges, { from: 'a', to: 'zz' }, { from: 'c', to: 'c' }] });
    expect(Object.keys(result.positions).sort()).toEqual(['a', 'b', 'c', 'd']);
    const x = (id: string): number => result.positions[id]?.x ?? NaN;
    expect(x('a')).toBeLessThan(x('b'));
    expect(x('b')).toBeLessThan(x('c'));
    expect(x('a')).toBeLessThan(x('d'));
    expect(result.width).toBeGreaterThan(0);
  });

  it('is deterministic: input order does not change positions', async () => {
    const [one, two] = await Promise.all([layoutGraph(chain), layoutGraph(shuffled)]);
    expect(two.positions).toEqual(one.positions);
    expect(two.key).toBe(one.key);
  });

  it('lays out an empty graph', async () => {
    expect(await layoutGraph({ nodes: [], edges: [] })).toEqual({ key: layoutKey({ nodes: [], edges: [] }), engine: 'elk', positions: {}, width: 0, height: 0 });
  });
});

/** A Worker stand-in that runs the real layout function and answers like worker.ts (asynchronously). */
class FakeWorker {
  static live = 0;
  static created = 0;
  onmessage: ((e: MessageEvent<LayoutResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor() {
    FakeWorker.live++;
    FakeWorker.created++;
  }
  postMessage(request: LayoutRequest): void {
    void layoutGraph(request.input).then((result) => {
      if (!this.terminated) this.onmessage?.({ data: { type: 'done', requestId: request.requestId, result, elapsedMs: 1 } } as MessageEvent<LayoutResponse>);
    });
  }
  terminate(): void {
    if (!this.terminated) FakeWorker.live--;
    this.terminated = true;
  }
}

describe('createAsyncLayout', () => {
  beforeEach(() => {
    FakeWorker.live = 0;
    FakeWorker.created = 0;
  });
  const factory = (): Worker => new FakeWorker() as unknown as Worker;

  it('lays out small graphs on the main thread and memoizes by key', async () => {
    const service = createAsyncLayout(factory, 100);
    const first = await service.layout(chain);
    expect(FakeWorker.created).toBe(0);
    expect(await service.layout(shuffled)).toBe(first);
  });

  it('uses a worker above the threshold, keeps one live worker, and cancels the stale request', async () => {
    const service = createAsyncLayout(factory, 2);
    const stale = service.layout(chain);
    const fresh = service.layout({ ...chain, edges: chain.edges.slice(0, 2) });
    expect(FakeWorker.live).toBe(1);
    await expect(stale).rejects.toBeInstanceOf(LayoutCanceled);
    const result = await fresh;
    expect(Object.keys(result.positions)).toHaveLength(4);
    expect(FakeWorker.created).toBe(2);
    expect(service.lastElapsedMs()).toBe(1);
    // Memoized: the same graph again needs no worker.
    expect(await service.layout({ ...chain, edges: chain.edges.slice(0, 2) })).toBe(result);
    expect(FakeWorker.created).toBe(2);
    // The finished worker stays warm for the next graph, and dispose ends it.
    expect(FakeWorker.live).toBe(1);
    await service.layout({ ...chain, edges: chain.edges.slice(0, 1) });
    expect(FakeWorker.created).toBe(2);
    service.dispose();
    expect(FakeWorker.live).toBe(0);
  });
});
