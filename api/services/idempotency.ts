import { z } from 'zod';
import { parseInput } from '../input';
import { HttpProblem } from '../problem';

/** The `Idempotency-Key` header: 1 to 200 visible ASCII characters. */
const keySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, '1 to 200 visible ASCII characters');

export function parseIdempotencyKey(header: string | undefined): string | null {
  return header === undefined ? null : parseInput(keySchema, header, 'Idempotency-Key header');
}

interface Entry {
  readonly fingerprint: string;
  readonly at: number;
  readonly result: Promise<unknown>;
}

/**
 * Remembers the answer of a keyed request for `ttlMs`, per API process: a retry with the same key
 * gets the first answer (a concurrent retry waits for it) and the work is done once. The same key for
 * another request is a 409. A failed attempt is forgotten, so it can be retried. Durable guarantees
 * live where the state is (the runs table's key, the workflow's distinct-approver rule); this only
 * makes a retry answer what the first attempt answered.
 */
export class IdempotencyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 24 * 3600 * 1000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async run<T>(key: string | null, scope: string, fingerprint: string, work: () => Promise<T>): Promise<{ value: T; replayed: boolean }> {
    if (key === null) return { value: await work(), replayed: false };
    const id = `${scope}\n${key}`;
    const t = this.now();
    const prior = this.entries.get(id);
    if (prior && t - prior.at < this.ttlMs) {
      if (prior.fingerprint !== fingerprint) {
        throw new HttpProblem(409, 'conflict/idempotency-key-reused', 'Conflict', 'this Idempotency-Key was used for another request');
      }
      return { value: (await prior.result) as T, replayed: true };
    }
    if (this.entries.size >= this.maxEntries) this.evict(t);
    const result = work();
    this.entries.set(id, { fingerprint, at: t, result });
    try {
      return { value: await result, replayed: false };
    } catch (err) {
      this.entries.delete(id);
      throw err;
    }
  }

  private evict(t: number): void {
    for (const [id, e] of this.entries) if (t - e.at >= this.ttlMs) this.entries.delete(id);
    // Still full: drop the oldest half (Map keeps insertion order).
    if (this.entries.size >= this.maxEntries) [...this.entries.keys()].slice(0, Math.ceil(this.maxEntries / 2)).forEach((id) => this.entries.delete(id));
  }
}

const caches = new WeakMap<object, IdempotencyCache>();

/** One cache per API dependency bag (one per server, so tests never share one). */
export function idempotencyCacheOf(owner: object): IdempotencyCache {
  let cache = caches.get(owner);
  if (!cache) {
    cache = new IdempotencyCache();
    caches.set(owner, cache);
  }
  return cache;
}
