import type { VisibleGraph } from './collapse';
import type { LayoutInput } from './types';

/** What the layout is given: node boxes and edges of the visible graph, keyed and canonicalised (no React, no elkjs). */

export const NODE_SIZE = { width: 200, height: 36 } as const;
export const GROUP_SIZE = { width: 220, height: 52 } as const;

export function layoutInputOf(visible: VisibleGraph): LayoutInput {
  return {
    nodes: visible.nodes.map((n) => ({ id: n.id, ...(n.type === 'group' ? GROUP_SIZE : NODE_SIZE) })),
    edges: visible.edges,
  };
}

/**
 * A deterministic key of a layout input: the same nodes (ids and sizes) and edges in any order
 * give the same key, so layouts can be memoized across renders and sessions.
 */
export function layoutKey(input: LayoutInput): string {
  const nodes = input.nodes.map((n) => `${n.id}\u0001${n.width}\u0001${n.height}`).sort();
  const edges = input.edges.map((e) => `${e.from}\u0001${e.to}`).sort();
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const feed = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    }
  };
  for (const n of nodes) feed(`${n}\u0002`);
  feed('\u0003');
  for (const e of edges) feed(`${e}\u0002`);
  return `${nodes.length}n${edges.length}e-${h1.toString(16)}${h2.toString(16)}`;
}

/** Sorted copies, so the layout does not depend on the order nodes and edges were given in. */
export function canonicalLayoutInput(input: LayoutInput): LayoutInput {
  const ids = new Set(input.nodes.map((n) => n.id));
  const nodes = [...input.nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const seen = new Set<string>();
  const edges = input.edges
    .filter((e) => e.from !== e.to && ids.has(e.from) && ids.has(e.to))
    .filter((e) => {
      const k = `${e.from}\u0001${e.to}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  return { nodes, edges };
}

