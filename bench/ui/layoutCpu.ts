import { collapseGraph } from '../../ui/src/graph/collapse';
import { layoutGraph } from '../../ui/src/graph/layout';
import { buildWorkspaceGraph } from '../../ui/src/graph/model';
import { layoutInputOf } from '../../ui/src/graph/layoutInput';
import { generateGraph } from './page/generate';

// The pure layout function in Node, with wall and CPU time: on a shared machine CPU time says more
// than wall time about the layout itself. Run: npx tsx bench/ui/layoutCpu.ts [sizes...]
async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number);
  for (const n of sizes.length ? sizes : [1000, 5000, 10000]) {
    const data = generateGraph(n);
    const input = layoutInputOf(collapseGraph(buildWorkspaceGraph(data.nodes, data.edges), 'package', new Set()));
    const cpu = process.cpuUsage();
    const started = performance.now();
    await layoutGraph(input);
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    console.log(`${String(n).padStart(6)} nodes ${String(input.edges.length).padStart(6)} edges: wall ${Math.round(wall)} ms, cpu ${Math.round((used.user + used.system) / 1000)} ms`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
