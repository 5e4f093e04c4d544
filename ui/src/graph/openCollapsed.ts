import { groupsOf, isTestKind, type Grouping } from './collapse';
import type { WorkspaceGraph } from './model';

/**
 * How a big project opens the first time (no saved canvas): more nodes than anyone reads at once
 * are shown as a map of their folders (or packages), each collapsed into one node, to expand where
 * work happens — as Dagster opens big asset graphs by group. A saved canvas always wins.
 */

/** Above this many drawn nodes a fresh canvas opens collapsed. */
export const OPEN_COLLAPSED_ABOVE = 1_500;
/** A map of more groups than this is no map: try the coarser grouping. */
const MAX_GROUPS = 400;

export interface OpenCollapsed {
  readonly grouping: Grouping;
  /** Every group key of the grouping (tests' groups too, so showing tests later keeps them collapsed). */
  readonly keys: readonly string[];
}

export function openCollapsed(graph: WorkspaceGraph, hideTests: boolean): OpenCollapsed | null {
  let drawn = 0;
  for (const n of graph.nodes.values()) if (!(hideTests && isTestKind(n.kind))) drawn++;
  if (drawn <= OPEN_COLLAPSED_ABOVE) return null;
  // Folders need full nodes; summaries know packages only.
  const candidates: readonly Grouping[] = graph.detail === 'full' ? ['folder', 'package'] : ['package'];
  for (const grouping of candidates) {
    const shown = groupsOf(graph, grouping, { hideTests });
    if (shown.length >= 2 && shown.length <= MAX_GROUPS) return { grouping, keys: groupsOf(graph, grouping).map((g) => g.key) };
  }
  return null;
}
