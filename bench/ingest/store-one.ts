import { readFileSync } from 'node:fs';
import { createFsBlobStore } from '../../adapters/blobs/fsBlobStore';
import type { BlobStore } from '../../adapters/blobs/types';
import { ingestVersion } from '../../api/services/ingestVersion';
import { createOrg, createProject, createStore, createTenant } from '../../store';

/**
 * One measured *stored* ingestion in a fresh process, through the API's real path (`ingestVersion`:
 * parse, normalize, graph build, blobs, `createProjectVersion`). The store is migrated and a tenant,
 * org and project created before the clock starts. Phase boundaries come from wrapping the blob store
 * (its first `put` ends parse + normalize + graph; its last `put` starts the row inserts).
 * Usage: tsx bench/ingest/store-one.ts MANIFEST.json BLOB_DIR sqlite FILE | pg CONNECTION_STRING
 */
const [file, blobRoot, client, target] = process.argv.slice(2);
if (!file || !blobRoot || (client !== 'sqlite' && client !== 'pg') || !target) {
  throw new Error('usage: tsx bench/ingest/store-one.ts MANIFEST.json BLOB_DIR sqlite FILE | pg CONNECTION_STRING');
}
const now = (): bigint => process.hrtime.bigint();
const msBetween = (a: bigint, b: bigint): number => Math.round(Number(b - a) / 1e6);

async function main(): Promise<void> {
  const store = await createStore(client === 'sqlite' ? { client: 'sqlite', filename: target as string } : { client: 'pg', connectionString: target as string, poolMax: 2 });
  try {
    await store.migrateLatest();
    const suffix = Math.random().toString(36).slice(2, 10);
    const tenant = await createTenant({ db: store.db, slug: `bench-${suffix}`, name: 'Bench' });
    const org = await createOrg({ db: store.db, tenantId: tenant.id, slug: 'bench', name: 'Bench' });
    const project = await createProject({ db: store.db, tenantId: tenant.id, orgId: org.id, slug: 'bench', name: 'Bench' });
    const fsBlobs = createFsBlobStore({ root: blobRoot as string });
    let firstPut: bigint | null = null;
    let lastPutEnd: bigint | null = null;
    const blobs: BlobStore = {
      ...fsBlobs,
      put: async (bytes) => {
        firstPut ??= now();
        const key = await fsBlobs.put(bytes);
        lastPutEnd = now();
        return key;
      },
    };
    // Time inside the driver per table (query sent to response), to split the store step.
    const started = new Map<string, bigint>();
    const inDriver = { nodes: 0n, edges: 0n, other: 0n };
    store.db.on('query', (q: { __knexQueryUid: string }) => started.set(q.__knexQueryUid, now()));
    store.db.on('query-response', (_res: unknown, q: { __knexQueryUid: string; sql: string }) => {
      const start = started.get(q.__knexQueryUid);
      if (start === undefined) return;
      if (/^insert into [`"]?graph_nodes/.test(q.sql)) inDriver.nodes += now() - start;
      else if (/^insert into [`"]?graph_edges/.test(q.sql)) inDriver.edges += now() - start;
      else inDriver.other += now() - start;
    });
    const t0 = now();
    const manifest = readFileSync(file as string);
    const tRead = now();
    const { version, created } = await ingestVersion({
      store, blobs, tenantId: tenant.id, projectId: project.id, files: new Map([['manifest', manifest]]), gitSha: null,
    });
    const tEnd = now();
    if (!created || firstPut === null || lastPutEnd === null) throw new Error('expected a new version and at least one blob put');
    // Outside the clock: every node and edge row is there.
    for (const [table, expected] of [['graph_nodes', version.nodeCount], ['graph_edges', version.edgeCount]] as const) {
      const counted = (await store.db(table).where({ version_id: version.id }).count({ n: '*' }).first()) as { n: number | string };
      if (Number(counted.n) !== expected) throw new Error(`${table}: ${String(counted.n)} rows stored, expected ${expected}`);
    }
    process.stdout.write(`${JSON.stringify({
      client, nodes: version.nodeCount, edges: version.edgeCount, bytes: manifest.byteLength,
      readMs: msBetween(t0, tRead), parseGraphMs: msBetween(tRead, firstPut), blobsMs: msBetween(firstPut, lastPutEnd),
      storeMs: msBetween(lastPutEnd, tEnd), nodeInsertsMs: msBetween(0n, inDriver.nodes), edgeInsertsMs: msBetween(0n, inDriver.edges), otherQueriesMs: msBetween(0n, inDriver.other), totalMs: msBetween(t0, tEnd),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    })}\n`);
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
