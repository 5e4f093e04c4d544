import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsBlobStore, createS3BlobStore, type BlobStore } from '../../../adapters/blobs';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run through \`npm test\` or source .sluice/test/services.env`);
  return v;
};

type Kind = 'filesystem' | 'minio';

async function open(kind: Kind): Promise<{ blobs: BlobStore; dispose: () => Promise<void>; count: () => Promise<number> }> {
  switch (kind) {
    case 'filesystem': {
      const root = await mkdtemp(join(tmpdir(), 'sluice-blobs-'));
      const count = async () => (await Promise.all((await readdir(root)).map((d) => readdir(join(root, d))))).flat().length;
      return { blobs: createFsBlobStore({ root }), count, dispose: () => rm(root, { recursive: true, force: true }) };
    }
    case 'minio': {
      const prefix = `test-${randomBytes(6).toString('hex')}/`;
      const blobs = await createS3BlobStore({
        endpoint: env('SLUICE_TEST_S3_ENDPOINT'), accessKey: env('SLUICE_TEST_S3_ACCESS_KEY'),
        secretKey: env('SLUICE_TEST_S3_SECRET_KEY'), bucket: 'sluice-test-blobs', prefix,
      });
      // Counting objects is not needed for the S3 proof: the key is the content hash by construction.
      return { blobs, count: () => Promise.resolve(-1), dispose: () => Promise.resolve() };
    }
    default: {
      const unreachable: never = kind;
      throw new Error(String(unreachable));
    }
  }
}

describe.each<Kind>(['filesystem', 'minio'])('BlobStore on %s', (kind) => {
  it('puts content-addressed bytes, gets them back, and answers null for a missing key', async () => {
    const { blobs, dispose, count } = await open(kind);
    try {
      const bytes = Buffer.from(`{"metadata":{"dbt_schema_version":"x"},"n":${Math.random()}}`);
      const key = await blobs.put(bytes);
      expect(key).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(await blobs.put(bytes)).toBe(key);
      if (kind === 'filesystem') expect(await count()).toBe(1);
      expect(await blobs.get(key)).toEqual(bytes);
      expect(await blobs.has(key)).toBe(true);
      const missing = 'f'.repeat(64);
      expect(await blobs.get(missing)).toBeNull();
      expect(await blobs.has(missing)).toBe(false);
      await expect(blobs.get('../../etc/passwd')).rejects.toThrow(/not a sha256/);
    } finally {
      await dispose();
    }
  });
});
