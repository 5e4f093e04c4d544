import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createFsBlobStore } from '../../../adapters/blobs/fsBlobStore';
import type { BlobStore } from '../../../adapters/blobs/types';
import { loadVersionGraph } from '../../../api/services/loadVersionGraph';
import { loadVersionArtifacts, type VersionArtifacts } from '../../../api/services/versionArtifacts';
import { createVersionCache, type VersionCacheOptions } from '../../../api/services/versionCache';
import type { ProjectVersion } from '../../../store/types';

// The loaders over a real fs BlobStore in a temp dir, wrapped to count reads.
const target = resolve(__dirname, '../../fixtures/artifacts/openlineage/build/target');

let root: string;
let fsBlobs: BlobStore;
let gets: number;
let blobs: BlobStore;
let manifest: Buffer;
let manifestSha: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sluice-version-cache-'));
  fsBlobs = createFsBlobStore({ root });
  gets = 0;
  blobs = { put: (b) => fsBlobs.put(b), has: (k) => fsBlobs.has(k), get: (k) => { gets += 1; return fsBlobs.get(k); } };
  manifest = await readFile(join(target, 'manifest.json'));
  manifestSha = await fsBlobs.put(manifest);
});

afterEach(() => rm(root, { recursive: true, force: true }));

function versionOf(id: string, tenantId = 't1', sha256 = manifestSha): ProjectVersion {
  return {
    id, tenantId, projectId: 'p1', contentSha256: `content-of-${sha256}`, gitSha: null, dbtVersion: null, manifestSchema: 'v12',
    nodeCount: 0, edgeCount: 0, files: [{ kind: 'manifest', sha256, size: manifest.length }], createdAt: '2026-11-23T00:00:00.000Z',
  };
}

function cacheOf(options: Partial<VersionCacheOptions> = {}): ReturnType<typeof createVersionCache<VersionArtifacts>> {
  return createVersionCache<VersionArtifacts>({ maxEntries: 8, maxBytes: 256 * 1024 * 1024, ...options });
}

test('the second load of a version reads no blob and returns the same parse', async () => {
  const cache = cacheOf();
  const first = await loadVersionArtifacts(blobs, versionOf('v1'), cache);
  expect(gets).toBe(1);
  expect(first.graph.nodes.size).toBeGreaterThan(0);
  const second = await loadVersionArtifacts(blobs, versionOf('v1'), cache);
  expect(gets).toBe(1);
  expect(second).toBe(first);
  // The diff loader shares the entry.
  expect((await loadVersionGraph(blobs, versionOf('v1'), cache)).graph).toBe(first.graph);
  expect(gets).toBe(1);
});

test('without a cache every load reads the blobs again', async () => {
  await loadVersionArtifacts(blobs, versionOf('v1'));
  await loadVersionArtifacts(blobs, versionOf('v1'));
  expect(gets).toBe(2);
});

test('concurrent loads of one version read once', async () => {
  const cache = cacheOf();
  const [a, b, c] = await Promise.all([1, 2, 3].map(() => loadVersionArtifacts(blobs, versionOf('v1'), cache)));
  expect(gets).toBe(1);
  expect(b).toBe(a);
  expect(c).toBe(a);
});

test('a failed load is not cached: the next load reads again', async () => {
  const cache = cacheOf();
  await rm(root, { recursive: true, force: true }); // the manifest blob is gone
  await expect(loadVersionArtifacts(blobs, versionOf('v1'), cache)).rejects.toThrow(/manifest blob of version v1 is missing/);
  expect(cache.size).toBe(0);
  // The blob is back (same bytes, same address): the next load reads it, and the one after is a hit.
  expect(await fsBlobs.put(manifest)).toBe(manifestSha);
  await expect(loadVersionArtifacts(blobs, versionOf('v1'), cache)).resolves.toBeDefined();
  await expect(loadVersionArtifacts(blobs, versionOf('v1'), cache)).resolves.toBeDefined();
  expect(gets).toBe(2);
});

test('a load rejected while others wait fails them all once, then is retried', async () => {
  const cache = cacheOf();
  let calls = 0;
  const failing = (): Promise<VersionArtifacts> => { calls += 1; return Promise.reject(new Error('boom')); };
  const results = await Promise.allSettled([cache.get(versionOf('v1'), failing), cache.get(versionOf('v1'), failing)]);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  expect(calls).toBe(1);
  await expect(cache.get(versionOf('v1'), failing)).rejects.toThrow('boom');
  expect(calls).toBe(2);
});

test('past the entry limit the least recently used version is evicted', async () => {
  const cache = cacheOf({ maxEntries: 2 });
  await loadVersionArtifacts(blobs, versionOf('v1'), cache);
  await loadVersionArtifacts(blobs, versionOf('v2'), cache);
  await loadVersionArtifacts(blobs, versionOf('v1'), cache); // v1 is now the most recent
  await loadVersionArtifacts(blobs, versionOf('v3'), cache); // evicts v2
  expect(gets).toBe(3);
  expect(cache.size).toBe(2);
  await loadVersionArtifacts(blobs, versionOf('v1'), cache);
  expect(gets).toBe(3);
  await loadVersionArtifacts(blobs, versionOf('v2'), cache);
  expect(gets).toBe(4);
});

test('past the byte budget the oldest versions are evicted; the newest is kept even alone over it', async () => {
  const cache = cacheOf({ maxBytes: manifest.length * 2 });
  for (const id of ['v1', 'v2', 'v3']) await loadVersionArtifacts(blobs, versionOf(id), cache);
  expect(cache.size).toBe(2);
  await loadVersionArtifacts(blobs, versionOf('v1'), cache);
  expect(gets).toBe(4);

  const tiny = cacheOf({ maxBytes: 1 });
  await loadVersionArtifacts(blobs, versionOf('big'), tiny);
  await loadVersionArtifacts(blobs, versionOf('big'), tiny);
  expect(gets).toBe(5);
  expect(tiny.size).toBe(1);
});

test("another tenant's version with the same id and content misses", async () => {
  const cache = cacheOf();
  const mine = await loadVersionArtifacts(blobs, versionOf('v1', 't1'), cache);
  const theirs = await loadVersionArtifacts(blobs, versionOf('v1', 't2'), cache);
  expect(gets).toBe(2);
  expect(theirs).not.toBe(mine);
  expect(await loadVersionArtifacts(blobs, versionOf('v1', 't1'), cache)).toBe(mine);
  expect(gets).toBe(2);
});
