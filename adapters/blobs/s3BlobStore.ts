import { Client } from 'minio';
import { sha256Hex } from './sha256';
import { isSha256, type BlobStore } from './types';

export interface S3BlobStoreOptions {
  /** e.g. http://127.0.0.1:9000 */
  readonly endpoint: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly bucket: string;
  /** Key prefix inside the bucket, e.g. `blobs/`. */
  readonly prefix?: string;
  readonly region?: string;
}

const isMissing = (err: unknown): boolean => {
  const code = (err as { code?: string }).code;
  return code === 'NoSuchKey' || code === 'NotFound' || code === 'NoSuchBucket';
};

/** Blobs in an S3-compatible bucket (MinIO in tests); the bucket is created when missing. */
export async function createS3BlobStore(options: S3BlobStoreOptions): Promise<BlobStore> {
  const url = new URL(options.endpoint);
  const client = new Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    useSSL: url.protocol === 'https:',
    accessKey: options.accessKey,
    secretKey: options.secretKey,
    region: options.region ?? 'us-east-1',
  });
  if (!(await client.bucketExists(options.bucket))) {
    await client.makeBucket(options.bucket, options.region ?? 'us-east-1');
  }
  const keyOf = (key: string): string => {
    if (!isSha256(key)) throw new Error(`not a sha256 key: ${key}`);
    return `${options.prefix ?? ''}${key}`;
  };
  return {
    async put(bytes) {
      const key = sha256Hex(bytes);
      await client.putObject(options.bucket, keyOf(key), Buffer.from(bytes), bytes.byteLength);
      return key;
    },
    async get(key) {
      try {
        const stream = await client.getObject(options.bucket, keyOf(key));
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },
    async has(key) {
      try {
        await client.statObject(options.bucket, keyOf(key));
        return true;
      } catch (err) {
        if (isMissing(err)) return false;
        throw err;
      }
    },
  };
}
