import type { DbtNode, Manifest, NodeKind } from '../artifacts/types';
import type { LogicalGraph } from '../graph/types';
import { compareNodes, CHANGE_CATEGORIES, type ChangeCategory } from './compare';
import { modifiedMacros } from './macros';

/** One version of a project as the diff needs it. */
export interface DiffSide {
  readonly manifest: Manifest;
  readonly graph: LogicalGraph;
}

export interface NodeDelta {
  readonly uniqueId: string;
  readonly kind: NodeKind;
  /** For modified nodes, what changed (in CHANGE_CATEGORIES order); empty for added/removed. */
  readonly changes: readonly ChangeCategory[];
  /**
   * Downstream impact, sorted: descendants in the new graph (added, modified), or, for a removed
   * node, its old descendants that still exist in the new version.
   */
  readonly impacted: readonly string[];
}

export interface VersionDiff {
  readonly added: readonly NodeDelta[];
  readonly removed: readonly NodeDelta[];
  readonly modified: readonly NodeDelta[];
  /** Every node of the new version touched by a change: changed itself or downstream of one. */
  readonly impacted: readonly string[];
  readonly counts: { readonly added: number; readonly removed: number; readonly modified: number; readonly impacted: number };
}

function sorted(ids: Iterable<string>): string[] {
  return [...ids].sort();
}

function delta(node: DbtNode, changes: readonly ChangeCategory[], impacted: Iterable<string>): NodeDelta {
  return { uniqueId: node.uniqueId, kind: node.kind, changes, impacted: sorted(impacted) };
}

/**
 * The difference between two versions of one project: nodes added, removed, and modified (with
 * the categories of `compareNodes`, macros included), each with its downstream impact.
 * Deterministic: every list is sorted by unique_id.
 */
export function diffVersions(prev: DiffSide, next: DiffSide): VersionDiff {
  const macros = modifiedMacros(prev.manifest.macros, next.manifest.macros);
  const added: NodeDelta[] = [];
  const modified: NodeDelta[] = [];
  const removed: NodeDelta[] = [];
  const impacted = new Set<string>();
  for (const id of sorted(next.manifest.nodes.keys())) {
    const node = next.manifest.nodes.get(id) as DbtNode;
    const before = prev.manifest.nodes.get(id);
    if (!before) {
      const down = next.graph.descendants(id);
      added.push(delta(node, [], down));
      impacted.add(id);
      down.forEach((d) => impacted.add(d));
      continue;
    }
    const changes = compareNodes(before, node, { modifiedMacros: macros });
    if (changes.size === 0) continue;
    const down = next.graph.descendants(id);
    modified.push(delta(node, CHANGE_CATEGORIES.filter((c) => changes.has(c)), down));
    impacted.add(id);
    down.forEach((d) => impacted.add(d));
  }
  for (const id of sorted(prev.manifest.nodes.keys())) {
    if (next.manifest.nodes.has(id)) continue;
    const node = prev.manifest.nodes.get(id) as DbtNode;
    const down = [...prev.graph.descendants(id)].filter((d) => next.manifest.nodes.has(d));
    removed.push(delta(node, [], down));
    down.forEach((d) => impacted.add(d));
  }
  return {
    added,
    removed,
    modified,
    impacted: sorted(impacted),
    counts: { added: added.length, removed: removed.length, modified: modified.length, impacted: impacted.size },
  };
}
