import type { NodeInput } from '../../../ui/src/graph/model';

/**
 * A dbt-like graph of `n` nodes: sources → staging → intermediate → marts → exposures, spread over
 * 5 packages, each node depending on 1–3 nodes of the previous one or two layers. Deterministic.
 */
export function generateGraph(n: number): { nodes: NodeInput[]; edges: Array<{ from: string; to: string }> } {
  let seed = 12345;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const layers: Array<{ kind: NodeInput['kind']; share: number }> = [
    { kind: 'source', share: 0.15 }, { kind: 'model', share: 0.3 }, { kind: 'model', share: 0.25 }, { kind: 'model', share: 0.25 }, { kind: 'exposure', share: 0.05 },
  ];
  const nodes: NodeInput[] = [];
  const edges: Array<{ from: string; to: string }> = [];
  const byLayer: string[][] = [];
  let made = 0;
  layers.forEach((layer, li) => {
    const count = li === layers.length - 1 ? n - made : Math.round(n * layer.share);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const pkg = `pkg_${(made + i) % 5}`;
      const name = `${layer.kind === 'model' ? ['stg', 'int', 'fct'][li - 1] : layer.kind}_${made + i}`;
      const uniqueId = layer.kind === 'source' ? `source.${pkg}.raw.${name}` : `${layer.kind}.${pkg}.${name}`;
      nodes.push({ uniqueId, nodeUuid: `uuid-${made + i}`, kind: layer.kind, name, packageName: pkg });
      ids.push(uniqueId);
      if (li > 0) {
        const k = 1 + Math.floor(rnd() * 3);
        for (let j = 0; j < k; j++) {
          const from = byLayer[Math.max(0, li - 1 - (rnd() < 0.2 ? 1 : 0))] ?? [];
          const parent = from[Math.floor(rnd() * from.length)];
          if (parent) edges.push({ from: parent, to: uniqueId });
        }
      }
    }
    made += count;
    byLayer.push(ids);
  });
  return { nodes, edges };
}
