import type { DbtNode, Manifest, NodeKind } from '../../../domain/artifacts/types';
import type { GraphEdge, GraphNode } from '../../../domain/graph/types';
import { buildUniverse, type SelectionGraph, type SelectionUniverse } from '../../../domain/selectors';

/**
 * The graph the workspace shows, built from what the API returns for a project version. The client
 * asks for full nodes (`include=node`), so `detail` is 'full' and every selector method, folder and
 * dbt group works. An older API gives only node summaries (unique_id, kind, name, package): the
 * DbtNode of each is filled from those alone and `detail` is 'summary': graph operators, names,
 * packages and resource types select as in dbt; tags, paths, config and folders need full nodes
 * (graph/selection.ts says so instead of selecting nothing).
 */

export interface NodeInput {
  readonly uniqueId: string;
  readonly nodeUuid: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly packageName: string;
  /** The full node, when the API sends it. */
  readonly node?: DbtNode;
}

export interface WorkspaceGraph {
  readonly projectName: string | null;
  readonly detail: 'full' | 'summary';
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly edges: readonly GraphEdge[];
  readonly parents: ReadonlyMap<string, readonly string[]>;
  readonly children: ReadonlyMap<string, readonly string[]>;
  readonly universe: SelectionUniverse;
}

const EMPTY: readonly string[] = Object.freeze([]);

/** A DbtNode from a summary: only what the summary says, nothing invented beyond dbt's id grammar. */
export function summaryNode(input: NodeInput, dependsOn: readonly string[]): DbtNode {
  // A source's unique_id is `source.<package>.<source_name>.<table_name>`.
  const parts = input.uniqueId.split('.');
  const source = input.kind === 'source' && parts.length >= 4
    ? { sourceName: parts[2] as string, tableName: parts.slice(3).join('.'), loadedAtField: null, freshness: null }
    : null;
  return {
    uniqueId: input.uniqueId, kind: input.kind, name: input.name, packageName: input.packageName,
    path: null, originalFilePath: null,
    fqn: source ? [input.packageName, source.sourceName, source.tableName] : [input.packageName, input.name],
    tags: [], config: {}, unrenderedConfig: {}, meta: {}, description: '', columns: {}, checksum: null,
    rawCode: null, compiledCode: null, language: null, relation: null, relationName: null, materialized: null,
    dependsOn, dependsOnMacros: [], group: null, access: null, version: null, latestVersion: null, contract: null,
    test: null, source, extra: {},
  };
}

export function buildWorkspaceGraph(inputs: readonly NodeInput[], edgeInputs: readonly GraphEdge[], projectName: string | null = null): WorkspaceGraph {
  const ids = new Set(inputs.map((n) => n.uniqueId));
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const e of edgeInputs) {
    const key = `${e.from}\u0001${e.to}`;
    if (!ids.has(e.from) || !ids.has(e.to) || seen.has(key)) continue;
    seen.add(key);
    edges.push({ from: e.from, to: e.to });
    (parents.get(e.to) ?? parents.set(e.to, []).get(e.to))?.push(e.from);
    (children.get(e.from) ?? children.set(e.from, []).get(e.from))?.push(e.to);
  }
  for (const list of [...parents.values(), ...children.values()]) list.sort();
  const full = inputs.length > 0 && inputs.every((n) => n.node !== undefined);
  const nodes = new Map<string, GraphNode>();
  for (const input of [...inputs].sort((a, b) => (a.uniqueId < b.uniqueId ? -1 : 1))) {
    const node = input.node ?? summaryNode(input, parents.get(input.uniqueId) ?? EMPTY);
    nodes.set(input.uniqueId, { nodeUuid: input.nodeUuid, uniqueId: input.uniqueId, kind: input.kind, node });
  }
  const selectionGraph: SelectionGraph = {
    nodes,
    parents: (id) => parents.get(id) ?? EMPTY,
    children: (id) => children.get(id) ?? EMPTY,
  };
  const manifest: Manifest = {
    schemaVersion: { artifact: 'manifest', version: 12 },
    dbtVersion: null, projectName, projectId: null, adapterType: null, generatedAt: null,
    nodes: new Map([...nodes].map(([id, n]) => [id, n.node])),
    disabled: [], macros: new Map(), selectors: {}, warnings: [],
  };
  return { projectName, detail: full ? 'full' : 'summary', nodes, edges, parents, children, universe: buildUniverse(selectionGraph, manifest) };
}
