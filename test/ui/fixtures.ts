import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArtifactText } from '../../domain/artifacts/detect';
import { parseManifest } from '../../domain/artifacts/manifest';
import type { Manifest } from '../../domain/artifacts/types';
import { buildLogicalGraph } from '../../domain/graph/build';
import type { LogicalGraph } from '../../domain/graph/types';
import type { NodeInput } from '../../ui/src/graph/model';

/** The jaffle_shop manifest of the dbt-artifacts-parser fixtures (has orders, customers, staging models, tests). */
export const JAFFLE_MANIFEST = join(__dirname, '..', 'fixtures', 'artifacts', 'dbt-artifacts-parser', 'manifest', 'v4', 'jaffle_shop', 'manifest.json');
export const PROJECT_ID = '00000000-0000-4000-8000-000000000001';

export function loadJaffle(): { manifest: Manifest; graph: LogicalGraph } {
  const { manifest } = parseManifest(parseArtifactText(readFileSync(JAFFLE_MANIFEST, 'utf8'), 'manifest.json'));
  return { manifest, graph: buildLogicalGraph(manifest, PROJECT_ID) };
}

/** What the API's graph pages give for a graph: summaries, or full nodes. */
export function graphInputs(graph: LogicalGraph, full: boolean): { nodes: NodeInput[]; edges: Array<{ from: string; to: string }> } {
  const nodes = [...graph.nodes.values()].map((n) => ({
    uniqueId: n.uniqueId, nodeUuid: n.nodeUuid, kind: n.kind, name: n.node.name, packageName: n.node.packageName, ...(full ? { node: n.node } : {}),
  }));
  return { nodes, edges: graph.edges.map((e) => ({ from: e.from, to: e.to })) };
}
