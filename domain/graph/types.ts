import type { DbtNode, NodeKind } from '../artifacts/types';

/** A graph node: a manifest node plus its stable identity in a Sluice project. */
export interface GraphNode {
  /** UUIDv5 of (project id, unique_id): stable across versions of one project. */
  readonly nodeUuid: string;
  readonly uniqueId: string;
  readonly kind: NodeKind;
  readonly node: DbtNode;
}

/** An edge from `from` (the upstream, a parent) to `to` (the node that depends on it). */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
}

/**
 * The LogicalGraph of one project version: nodes and edges derived from manifest.json only.
 * All ids are dbt unique_ids. Methods are pure and do not mutate the graph.
 */
export interface LogicalGraph {
  readonly projectId: string;
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly edges: readonly GraphEdge[];
  has(uniqueId: string): boolean;
  get(uniqueId: string): GraphNode | undefined;
  parents(uniqueId: string): readonly string[];
  children(uniqueId: string): readonly string[];
  /** All upstream nodes, optionally limited to `depth` generations. */
  ancestors(uniqueId: string, depth?: number): ReadonlySet<string>;
  /** All downstream nodes, optionally limited to `depth` generations. */
  descendants(uniqueId: string, depth?: number): ReadonlySet<string>;
  /** A deterministic topological order (ties broken by unique_id). */
  topologicalOrder(): readonly string[];
  /**
   * The longest path through the graph weighted by `durations` (seconds; a missing id counts 0),
   * restricted to `subset` when given.
   */
  criticalPath(durations: ReadonlyMap<string, number>, subset?: ReadonlySet<string>): { readonly path: readonly string[]; readonly total: number };
}
