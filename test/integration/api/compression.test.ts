// Response compression (api/app.ts compressResponses) on a real API server: graph pages are gzipped or
// brotli'd when the client accepts it and keep their ETag/304; run logs (server-sent events) never are,
// so each event reaches the client while the stream is still open; the UI's bundles are compressed and
// keep their caching headers.
import express from 'express';
import compression from 'compression';
import { readFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, createBrotliDecompress, createGunzip, gunzipSync } from 'node:zlib';
import { createMemoryBus, type Bus } from '../../../adapters/bus';
import { compressResponses } from '../../../api/app';
import { UI_DIST_DIR } from '../../../api/ui';
import { runLogTopic } from '../../../domain/runs/topics';
import { createRun, updateRunStatus } from '../../../store';
import { buildUi } from '../../e2e/stack';
import { testDatabaseIds } from '../store/testDatabases';
import { call, type TestApi } from './harness';
import { setupProject, startRunsTestApi, type ProjectSetup } from './plansSupport';

jest.setTimeout(60_000);

interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The body as it came over the wire (not decoded). */
  readonly body: Buffer;
}

/** A GET with exactly these headers (fetch would add Accept-Encoding and decode): the bytes as sent. */
function rawGet(url: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

interface SseEvent {
  readonly event: string;
  readonly data: string;
}

interface SseReader {
  readonly headers: IncomingHttpHeaders;
  /** The next event, or a rejection if none arrives within `ms` (while the stream stays open). */
  next(ms: number): Promise<SseEvent>;
  close(): void;
}

/** Opens an event stream and hands out its events one by one as they arrive, decoded as a browser would. */
function openSse(url: string, headers: Record<string, string>): Promise<SseReader> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const events: SseEvent[] = [];
      const waiting: Array<(e: SseEvent) => void> = [];
      let buffer = '';
      const encoding = res.headers['content-encoding'];
      const body = encoding === 'gzip' ? res.pipe(createGunzip()) : encoding === 'br' ? res.pipe(createBrotliDecompress()) : res;
      body.setEncoding('utf8');
      body.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, cut).split('\n').filter((l) => !l.startsWith(':'));
          buffer = buffer.slice(cut + 2);
          if (lines.length === 0) continue;
          const field = (name: string): string => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
          const e = { event: field('event') || 'message', data: field('data') };
          const w = waiting.shift();
          if (w) w(e);
          else events.push(e);
        }
      });
      resolve({
        headers: res.headers,
        next: (ms) => {
          const ready = events.shift();
          if (ready) return Promise.resolve(ready);
          return new Promise<SseEvent>((ok, fail) => {
            const timer = setTimeout(() => fail(new Error(`no event within ${ms} ms while the stream is open`)), ms);
            waiting.push((e) => {
              clearTimeout(timer);
              ok(e);
            });
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const json = (b: Buffer): unknown => JSON.parse(b.toString('utf8'));

describe.each(testDatabaseIds)('API response compression on %s', (dbId) => {
  let api: TestApi;
  let bus: Bus;
  let p: ProjectSetup;
  beforeAll(async () => {
    bus = createMemoryBus();
    api = await startRunsTestApi(dbId, { bus });
    p = await setupProject(api, `compression-${dbId}`);
  });
  afterAll(async () => {
    await api?.close();
    await bus?.close();
  });

  it('compresses a graph page in the encoding asked for, decoding to the same JSON, and keeps its ETag and 304', async () => {
    const url = `${api.url}${p.base}/versions/${p.versionId}/graph?include=node`;
    const auth = { authorization: `Bearer ${p.token}` };
    const plain = await rawGet(url, auth);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
    expect(plain.body.length).toBeGreaterThan(1024); // over the threshold, so the rest means something
    const page = json(plain.body) as { nodes: Array<{ node?: unknown }> };
    expect(page.nodes.length).toBeGreaterThan(0);
    expect(page.nodes.every((n) => n.node !== undefined)).toBe(true);

    const gzip = await rawGet(url, { ...auth, 'accept-encoding': 'gzip' });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toMatch(/accept-encoding/i);
    expect(gzip.headers['content-length']).toBeUndefined();
    expect(gzip.body.length).toBeLessThan(plain.body.length / 3);
    expect(json(gunzipSync(gzip.body))).toEqual(page);

    // What browsers send: brotli is preferred when offered.
    const browser = await rawGet(url, { ...auth, 'accept-encoding': 'gzip, deflate, br' });
    expect(browser.headers['content-encoding']).toBe('br');
    expect(json(brotliDecompressSync(browser.body))).toEqual(page);

    const identity = await rawGet(url, { ...auth, 'accept-encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.equals(plain.body)).toBe(true);

    const etag = plain.headers.etag ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect([gzip.headers.etag, browser.headers.etag]).toEqual([etag, etag]);
    expect(gzip.headers['cache-control']).toBe(plain.headers['cache-control']);
    for (const encoding of [undefined, 'gzip', 'gzip, deflate, br']) {
      const again = await rawGet(url, { ...auth, 'if-none-match': etag, ...(encoding ? { 'accept-encoding': encoding } : {}) });
      expect({ encoding, status: again.status, bytes: again.body.length, contentEncoding: again.headers['content-encoding'] }).toEqual({ encoding, status: 304, bytes: 0, contentEncoding: undefined });
      expect(again.headers.etag).toBe(etag);
    }
    // fetch (what the UI and the other tests use) decodes it transparently.
    expect((await call(api, 'GET', `${p.base}/versions/${p.versionId}/graph?include=node`, { token: p.token })).body).toEqual(page);
  });

  it('leaves answers under 1 KiB alone', async () => {
    const health = await rawGet(`${api.url}/healthz`, { 'accept-encoding': 'gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(json(health.body)).toEqual({ status: 'ok' });
  });

  it('streams run logs uncompressed, each event while the stream is open, though the client accepts gzip', async () => {
    const plan = (await call(api, 'POST', `${p.base}/plans`, { token: p.token, json: { environmentId: p.environmentId } })).body as { id: string };
    const { run } = await createRun({ db: api.store.db, tenantId: p.tenantId, planId: plan.id, requestedBy: 'test' });
    const topic = runLogTopic(run.id);
    await bus.publish(topic, { msg: 'history line' });
    const sse = await openSse(`${api.url}${p.base}/runs/${run.id}/logs`, {
      authorization: `Bearer ${p.token}`, accept: 'text/event-stream', 'accept-encoding': 'gzip, deflate, br',
    });
    try {
      expect(sse.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(sse.headers['content-encoding']).toBeUndefined();
      // A compressor would hold these bytes until the stream ends; the run is still queued, so it does not.
      expect(await sse.next(5_000)).toEqual({ event: 'log', data: JSON.stringify({ msg: 'history line' }) });
      await bus.publish(topic, { msg: 'live line' });
      expect(await sse.next(5_000)).toEqual({ event: 'log', data: JSON.stringify({ msg: 'live line' }) });
      await updateRunStatus({ db: api.store.db, tenantId: p.tenantId, id: run.id, status: 'canceled' });
      expect(await sse.next(10_000)).toEqual({ event: 'end', data: JSON.stringify({ runId: run.id, status: 'canceled' }) });
    } finally {
      sse.close();
    }
  });
});

describe('compressResponses on an event stream that does not forbid transforms', () => {
  // The logs route also sends `Cache-Control: no-transform`, which the library honours by itself; this
  // route does not, so only the filter on the type (or on Accept) keeps its events flowing.
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const app = express();
    const stream = (res: express.Response): void => {
      res.setHeader('Content-Type', 'text/event-stream');
      res.flushHeaders();
      res.write('event: log\ndata: "first"\n\n');
      // Ends only when the client goes away.
    };
    app.get('/filtered/stream', compressResponses(), (_req, res) => stream(res));
    app.get('/unfiltered/stream', compression(), (_req, res) => stream(res));
    app.get('/filtered/typeless', compressResponses(), (_req, res) => {
      res.flushHeaders();
      res.write('event: log\ndata: "first"\n\n');
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends the events as written, where the library alone would gzip (and hold) them', async () => {
    const gzip = { 'accept-encoding': 'gzip' };
    const filtered = await openSse(`${base}/filtered/stream`, gzip);
    try {
      expect(filtered.headers['content-encoding']).toBeUndefined();
      expect(await filtered.next(5_000)).toEqual({ event: 'log', data: '"first"' });
    } finally {
      filtered.close();
    }
    // A client that asks for an event stream gets one uncompressed, whatever type the route forgot to set.
    const asked = await openSse(`${base}/filtered/typeless`, { ...gzip, accept: 'text/event-stream' });
    try {
      expect(asked.headers['content-encoding']).toBeUndefined();
      expect(await asked.next(5_000)).toEqual({ event: 'log', data: '"first"' });
    } finally {
      asked.close();
    }
    const unfiltered = await openSse(`${base}/unfiltered/stream`, gzip);
    try {
      expect(unfiltered.headers['content-encoding']).toBe('gzip');
    } finally {
      unfiltered.close();
    }
  });
});

describe('the UI served by the API', () => {
  let api: TestApi;
  beforeAll(async () => {
    buildUi(); // `npm test` has built it already; by hand (or after ui/src changed), this builds it
    api = await startRunsTestApi('sqlite');
  }, 300_000);
  afterAll(async () => {
    await api?.close();
  });

  it('compresses the JS bundle and keeps its long caching; index.html stays no-cache', async () => {
    const index = readFileSync(join(UI_DIST_DIR, 'index.html'), 'utf8');
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(script).toBeDefined();
    const onDisk = readFileSync(join(UI_DIST_DIR, script ?? ''));
    const plain = await rawGet(`${api.url}${script}`, {});
    const gzip = await rawGet(`${api.url}${script}`, { 'accept-encoding': 'gzip' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(onDisk)).toBe(true);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(onDisk)).toBe(true);
    expect(gzip.body.length).toBeLessThan(onDisk.length / 2);
    for (const answer of [plain, gzip]) {
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(answer.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    }
    expect(gzip.headers.vary).toMatch(/accept-encoding/i);
    expect(gzip.headers.etag).toBe(plain.headers.etag);

    const page = await rawGet(`${api.url}/graph`, { accept: 'text/html', 'accept-encoding': 'gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const html = page.headers['content-encoding'] === 'gzip' ? gunzipSync(page.body) : page.body;
    expect(html.toString('utf8')).toContain('<div id="root">');
  });
});
