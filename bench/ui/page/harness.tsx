import '@xyflow/react/dist/style.css';
import '../../../ui/src/styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot, type Root } from 'react-dom/client';
import { createAsyncLayout } from '../../../ui/src/graph/asyncLayout';
import { browserWorkerFactory } from '../../../ui/src/graph/layoutWorker';
import { buildWorkspaceGraph } from '../../../ui/src/graph/model';
import { GraphWorkspace } from '../../../ui/src/workspace/GraphWorkspace';
import { LayoutServiceContext } from '../../../ui/src/workspace/layoutContext';
import { layoutInputOf } from '../../../ui/src/graph/layoutInput';
import { collapseGraph } from '../../../ui/src/graph/collapse';
import { generateGraph } from './generate';

/** What bench/ui/run.ts drives through page.evaluate. */
interface Bench {
  /** Lays out a generated graph of n nodes in the worker; times inside the worker and end to end (ms). */
  layout(n: number): Promise<{ workerMs: number; totalMs: number; nodes: number; edges: number; engine: string }>;
  /** Mounts the workspace on a generated graph, expanded; resolves when its nodes are drawn (DOM nodes or the overview canvas). */
  mount(n: number): Promise<{ drawn: number; overview: boolean }>;
  startFrames(): void;
  stopFrames(): { frames: number; seconds: number; p95Ms: number; maxMs: number };
}

let root: Root | null = null;
let frames: number[] = [];
let recording = false;

const bench: Bench = {
  async layout(n) {
    const data = generateGraph(n);
    const graph = buildWorkspaceGraph(data.nodes, data.edges);
    const input = layoutInputOf(collapseGraph(graph, 'package', new Set()));
    const service = createAsyncLayout(browserWorkerFactory, 0);
    const started = performance.now();
    const result = await service.layout(input);
    const totalMs = performance.now() - started;
    service.dispose();
    return { workerMs: service.lastElapsedMs() ?? NaN, totalMs, nodes: input.nodes.length, edges: input.edges.length, engine: result.engine };
  },
  async mount(n) {
    const data = generateGraph(n);
    const graph = buildWorkspaceGraph(data.nodes, data.edges);
    root?.unmount();
    localStorage.clear();
    root = createRoot(document.getElementById('root') as HTMLElement);
    root.render(
      <QueryClientProvider client={new QueryClient()}>
        <LayoutServiceContext.Provider value={createAsyncLayout(browserWorkerFactory)}>
          <GraphWorkspace graph={graph} versionRef={null} canvasScope={{ tenantId: 'bench', projectId: 'bench', userId: 'bench' }} />
        </LayoutServiceContext.Provider>
      </QueryClientProvider>,
    );
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const drawn = document.querySelectorAll('[data-testid="graph-node"]').length;
      const overview = document.querySelector('[data-testid="graph-overview"]') !== null;
      if (drawn > 0 || overview) return { drawn, overview };
      // A big project opens as a map of its packages: the benchmark measures the whole graph.
      if (document.querySelector('[data-testid="graph-group"]')) {
        const expand = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Expand all');
        expand?.click();
      }
    }
  },
  startFrames() {
    frames = [];
    recording = true;
    const tick = (t: number): void => {
      if (!recording) return;
      frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  },
  stopFrames() {
    recording = false;
    const gaps = frames.slice(1).map((t, i) => t - (frames[i] as number)).sort((a, b) => a - b);
    const seconds = ((frames[frames.length - 1] ?? 0) - (frames[0] ?? 0)) / 1000;
    return { frames: frames.length, seconds, p95Ms: gaps[Math.floor(gaps.length * 0.95)] ?? NaN, maxMs: gaps[gaps.length - 1] ?? NaN };
  },
};

(window as unknown as { __bench: Bench }).__bench = bench;
