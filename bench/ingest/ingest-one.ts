import { readFileSync } from 'node:fs';
import { parseArtifactText } from '../../domain/artifacts/detect';
import { parseManifest } from '../../domain/artifacts/manifest';
import { buildLogicalGraph } from '../../domain/graph/build';

/** One measured ingestion in a fresh process: read, JSON.parse, normalize, build graph. */
const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/ingest/ingest-one.ts MANIFEST.json');
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const t0 = process.hrtime.bigint();
const text = readFileSync(file, 'utf8');
const tRead = ms(t0);
const t1 = process.hrtime.bigint();
const json = parseArtifactText(text, file);
const tJson = ms(t1);
const t2 = process.hrtime.bigint();
const { manifest } = parseManifest(json);
const tNormalize = ms(t2);
const t3 = process.hrtime.bigint();
const graph = buildLogicalGraph(manifest, 'bench');
const tGraph = ms(t3);
const total = ms(t0);
process.stdout.write(`${JSON.stringify({
  nodes: manifest.nodes.size, edges: graph.edges.length, bytes: text.length,
  readMs: Math.round(tRead), jsonParseMs: Math.round(tJson), normalizeMs: Math.round(tNormalize), graphMs: Math.round(tGraph), totalMs: Math.round(total),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
})}\n`);
