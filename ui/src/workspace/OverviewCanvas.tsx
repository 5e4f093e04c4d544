import { useStore } from '@xyflow/react';
import { useEffect, useLayoutEffect, useMemo, useState } from 'react';

/**
 * The zoomed-out picture of a big graph, drawn on one <canvas> instead of thousands of DOM nodes
 * and SVG edges: below the low-detail zoom labels are unreadable anyway, and repainting that many
 * elements on every pan frame is what made panning a 5,000-node graph slow. Nodes and edges are
 * turned into a few Path2D objects (one per colour) once per graph or selection; a frame only sets
 * the viewport transform and fills them. React Flow keeps handling pan, zoom and clicks.
 */

export interface OverviewNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** A dbt resource type, or `group` for a collapsed group. */
  readonly kind: string;
  readonly highlight: 'normal' | 'selected' | 'dimmed';
  readonly focused: boolean;
}

export interface OverviewEdge {
  readonly from: string;
  readonly to: string;
  readonly highlight: 'normal' | 'selected' | 'dimmed';
}

type Highlight = OverviewNode['highlight'];
interface Layer {
  readonly colour: string;
  readonly alpha: number;
  readonly path: Path2D;
}
interface Scene {
  readonly edges: readonly Layer[];
  readonly nodes: readonly Layer[];
  readonly focused: Path2D | null;
  readonly focusColour: string;
}

const ALPHA: Readonly<Record<Highlight, number>> = { normal: 0.9, selected: 1, dimmed: 0.16 };
const EDGE_ALPHA: Readonly<Record<Highlight, number>> = { normal: 0.45, selected: 0.9, dimmed: 0.08 };

/** The theme's colours, read from the CSS variables the DOM nodes use (styles.css). */
function palette(element: Element): (name: string) => string {
  const style = getComputedStyle(element);
  return (name) => style.getPropertyValue(name).trim() || '#888';
}

function buildScene(nodes: readonly OverviewNode[], edges: readonly OverviewEdge[], colour: (name: string) => string): Scene {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const layers = new Map<string, { colour: string; alpha: number; path: Path2D }>();
  const layer = (group: string, fill: string, alpha: number): Path2D => {
    const key = `${group}\u0001${fill}\u0001${alpha}`;
    let found = layers.get(key);
    if (!found) layers.set(key, (found = { colour: fill, alpha, path: new Path2D() }));
    return found.path;
  };
  for (const e of edges) {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b) continue;
    const path = layer('edge', colour(e.highlight === 'selected' ? '--accent' : '--node-border'), EDGE_ALPHA[e.highlight]);
    path.moveTo(a.x + a.width, a.y + a.height / 2);
    path.lineTo(b.x, b.y + b.height / 2);
  }
  let focused: Path2D | null = null;
  for (const n of nodes) {
    const fill = n.highlight === 'selected' ? colour('--accent') : colour(`--kind-${n.kind}`);
    layer('node', fill, ALPHA[n.highlight]).rect(n.x, n.y, n.width, n.height);
    if (n.focused) (focused ??= new Path2D()).rect(n.x, n.y, n.width, n.height);
  }
  const all = [...layers.entries()];
  const pick = (prefix: string): Layer[] => all.filter(([k]) => k.startsWith(prefix)).map(([, l]) => l);
  return { edges: pick('edge'), nodes: pick('node'), focused, focusColour: colour('--warn') };
}

/** Bumps when the theme changes, so colours are read again. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setVersion((v) => v + 1));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return version;
}

/** Drawn inside <ReactFlow>, under its (then empty) node and edge layers. */
export function OverviewCanvas({ nodes, edges }: { readonly nodes: readonly OverviewNode[]; readonly edges: readonly OverviewEdge[] }) {
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const transform = useStore((s) => s.transform);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const theme = useThemeVersion();
  // `theme` is a dependency on purpose: the colours come from the current theme's CSS.
  const scene = useMemo(
    () => (canvas && typeof Path2D !== 'undefined' ? buildScene(nodes, edges, palette(canvas)) : null),
    [nodes, edges, theme, canvas],
  );

  useLayoutEffect(() => {
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !scene) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(width * dpr);
    const h = Math.round(height * dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    const [tx, ty, zoom] = transform;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.setTransform(zoom * dpr, 0, 0, zoom * dpr, tx * dpr, ty * dpr);
    ctx.lineWidth = 1 / zoom;
    for (const l of scene.edges) {
      ctx.globalAlpha = l.alpha;
      ctx.strokeStyle = l.colour;
      ctx.stroke(l.path);
    }
    for (const l of scene.nodes) {
      ctx.globalAlpha = l.alpha;
      ctx.fillStyle = l.colour;
      ctx.fill(l.path);
    }
    if (scene.focused) {
      ctx.globalAlpha = 1;
      ctx.lineWidth = 3 / zoom;
      ctx.strokeStyle = scene.focusColour;
      ctx.stroke(scene.focused);
    }
  }, [canvas, scene, transform, width, height]);

  return (
    <>
      <canvas ref={setCanvas} className="overview-canvas" data-testid="graph-overview" style={{ width, height }} aria-label={`Overview of ${nodes.length} nodes`} role="img" />
      <div className="overview-hint muted small">Overview of {nodes.length.toLocaleString()} nodes: zoom in for names, or click a node</div>
    </>
  );
}

/**
 * The node nearest to a point of the graph (flow coordinates), if within `tolerance` flow units of
 * its box: zoomed far out, several nodes lie within a few pixels, and the closest is the one meant.
 */
export function nodeAt(nodes: readonly OverviewNode[], x: number, y: number, tolerance: number): OverviewNode | null {
  let best: OverviewNode | null = null;
  let bestDistance = tolerance;
  for (const n of nodes) {
    const dx = Math.max(n.x - x, 0, x - (n.x + n.width));
    const dy = Math.max(n.y - y, 0, y - (n.y + n.height));
    const distance = Math.hypot(dx, dy);
    if (distance <= bestDistance) {
      best = n;
      bestDistance = distance;
    }
  }
  return best;
}
