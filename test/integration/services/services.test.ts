import { Client as MinioClient } from 'minio';
import { Redis } from 'ioredis';
import { Client as PgClient } from 'pg';
import { serviceEnv } from '../../support/env';

// The services scripts/install.sh installs and scripts/services.sh starts answer on loopback.
jest.setTimeout(30_000);

it('PostgreSQL answers as the sluice role', async () => {
  const pg = new PgClient({ connectionString: serviceEnv('SLUICE_TEST_PG_URL') });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ user: string; version: string }>('select current_user as user, version()');
    expect(rows[0]?.user).toBe('sluice');
    expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
  } finally {
    await pg.end();
  }
});

it('Redis answers PING', async () => {
  const redis = new Redis(serviceEnv('SLUICE_TEST_REDIS_URL'), { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    expect(await redis.ping()).toBe('PONG');
  } finally {
    redis.disconnect();
  }
});

it('MinIO stores an object and gives it back', async () => {
  const endpoint = new URL(serviceEnv('SLUICE_TEST_S3_ENDPOINT'));
  const minio = new MinioClient({
    endPoint: endpoint.hostname,
    port: Number(endpoint.port),
    useSSL: false,
    accessKey: serviceEnv('SLUICE_TEST_S3_ACCESS_KEY'),
    secretKey: serviceEnv('SLUICE_TEST_S3_SECRET_KEY'),
  });
  const bucket = `smoke-${Date.now()}`;
  await minio.makeBucket(bucket);
  try {
    const body = Buffer.from(`{"hello":"sluice","at":${Date.now()}}`);
    await minio.putObject(bucket, 'probe.json', body, body.length, { 'Content-Type': 'application/json' });
    const stream = await minio.getObject(bucket, 'probe.json');
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);
    await minio.removeObject(bucket, 'probe.json');
  } finally {
    await minio.removeBucket(bucket);
  }
});
