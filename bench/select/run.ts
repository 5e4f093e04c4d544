/**
 * Selection over synthetic manifests (bench/ingest/generate.ts): parse once, then time each
 * expression with a prebuilt universe (how the API and the UI run it) and cold (`selectNodes`
 * building the universe itself). Prints a Markdown table; never a pass/fail test.
 *
 * usage: npx tsx bench/select/run.ts [models ...]   (default: 3226 → ~10k nodes, and 10000)
 */
import { performance } from 'node:perf_hooks';
import { parseManifest } from '../../domain/artifacts/manifest';
import type { DbtNode, Manifest } from '../../domain/artifacts/types';
import { buildLogicalGraph } from '../../domain/graph/build';
import { buildUniverse, selectNodes, type SelectNodesOptions } from '../../domain/selectors';
import { generateManifest } from '../ingest/generate';

const RUNS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** The same project with 1 % of model bodies changed, for state:modified. */
function modified(manifest: Manifest): Manifest {
  const nodes = new Map<string, DbtNode>();
  let i = 0;
  for (const [id, node] of manifest.nodes) {
    nodes.set(id, node.kind === 'model' && i++ % 100 === 0 ? { ...node, rawCode: `${node.rawCode ?? ''} -- changed` } : node);
  }
  return { ...manifest, nodes };
}

function firstName(manifest: Manifest, layer: string): string {
  const found = [...manifest.nodes.values()].find((n) => n.kind === 'model' && n.fqn[1] === layer);
  return found ? found.name : 'none';
}

function run(models: number): void {
  const { manifest: previous } = parseManifest(generateManifest({ models }));
  const manifest = modified(previous);
  const graph = buildLogicalGraph(manifest, 'bench');
  let universe = buildUniverse(graph, manifest);
  const build = median(Array.from({ length: RUNS }, () => time(() => (universe = buildUniverse(graph, manifest)))));
  const mart = firstName(manifest, 'marts');
  const staging = firstName(manifest, 'staging');
  const intermediate = firstName(manifest, 'intermediate');
  const cases: Array<[string, Partial<SelectNodesOptions>]> = [
    ['(nothing: default includes)', {}],
    ['tag:staging', { select: 'tag:staging' }],
    [`+${mart}`, { select: `+${mart}` }],
    [`${staging}+`, { select: `${staging}+` }],
    [`@${intermediate}`, { select: `@${intermediate}` }],
    ['path:models/marts', { select: 'path:models/marts' }],
    ['*_1?3*', { select: '*_1?3*' }],
    ['config.materialized:table,tag:marts', { select: 'config.materialized:table,tag:marts' }],
    ['+tag:marts --exclude tag:staging', { select: '+tag:marts', exclude: 'tag:staging' }],
    ['tag:marts (cautious)', { select: 'tag:marts', indirectSelection: 'cautious' }],
    ['state:modified+', { select: 'state:modified+', state: { previousManifest: previous } }],
  ];
  console.log(`\n${models} models, ${manifest.nodes.size} nodes, ${graph.edges.length} edges; universe build ${build.toFixed(1)} ms (median of ${RUNS})\n`);
  console.log('| expression | selected | warm (ms, median) | cold incl. universe (ms, median) |');
  console.log('|---|---:|---:|---:|');
  for (const [label, options] of cases) {
    const opts = { graph, manifest, ...options };
    let count = 0;
    const warm = median(Array.from({ length: RUNS }, () => time(() => (count = selectNodes({ ...opts, universe }).length))));
    const cold = median(Array.from({ length: RUNS }, () => time(() => selectNodes(opts))));
    console.log(`| \`${label}\` | ${count} | ${warm.toFixed(1)} | ${cold.toFixed(1)} |`);
  }
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const models of sizes.length > 0 ? sizes : [3226, 10000]) run(models);
