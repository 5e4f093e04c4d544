/** Typed values of graph layout: what goes into the pure layout function and its worker, and what comes back. */

export interface LayoutNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

export interface LayoutEdge {
  readonly from: string;
  readonly to: string;
}

export interface LayoutInput {
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly LayoutEdge[];
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** elkjs's layered algorithm for small graphs, Sluice's own layered layout for big ones (layout.ts). */
export type LayoutEngine = 'elk' | 'layered';

export interface LayoutResult {
  /** The deterministic key of the input this layout was computed for (see layoutKey). */
  readonly key: string;
  readonly engine: LayoutEngine;
  readonly positions: Readonly<Record<string, Point>>;
  readonly width: number;
  readonly height: number;
}

/** Main thread → layout worker. */
export interface LayoutRequest {
  readonly type: 'layout';
  readonly requestId: number;
  readonly input: LayoutInput;
}

/** Layout worker → main thread. */
export type LayoutResponse =
  | { readonly type: 'done'; readonly requestId: number; readonly result: LayoutResult; readonly elapsedMs: number }
  | { readonly type: 'failed'; readonly requestId: number; readonly message: string };
