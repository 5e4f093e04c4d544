import { Redis } from 'ioredis';
import type { Bus, BusMessage } from './types';

export interface RedisBusOptions {
  readonly url: string;
  /** Prefix of every Redis key and channel, e.g. `sluice:`. */
  readonly prefix?: string;
  /** Approximate number of messages kept per topic stream. */
  readonly maxPerTopic?: number;
}

/**
 * The bus across processes: each message is appended to a Redis stream (for replay, trimmed to about
 * `maxPerTopic`) and published on a channel (for live subscribers), carrying its stream id.
 */
export function createRedisBus(options: RedisBusOptions): Bus {
  const prefix = options.prefix ?? 'sluice:';
  const max = options.maxPerTopic ?? 10_000;
  const commands = new Redis(options.url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(options.url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const handlers = new Map<string, Set<(m: BusMessage) => void>>();
  subscriber.on('message', (channel: string, raw: string) => {
    const topic = channel.slice(`${prefix}ch:`.length);
    const parsed = JSON.parse(raw) as { id: string; data: unknown };
    for (const h of handlers.get(topic) ?? []) h({ id: parsed.id, topic, data: parsed.data });
  });
  const streamKey = (topic: string): string => `${prefix}stream:${topic}`;
  const channel = (topic: string): string => `${prefix}ch:${topic}`;
  return {
    async publish(topic, data) {
      const payload = JSON.stringify(data ?? null);
      const id = await commands.xadd(streamKey(topic), 'MAXLEN', '~', String(max), '*', 'data', payload);
      if (id === null) throw new Error('redis did not return a stream id');
      await commands.publish(channel(topic), JSON.stringify({ id, data: data ?? null }));
      return id;
    },
    async replay(topic, afterId) {
      // An exclusive start "(" reads strictly after the given id.
      const entries = await commands.xrange(streamKey(topic), afterId ? `(${afterId}` : '-', '+');
      return entries.map(([id, fields]) => ({ id, topic, data: JSON.parse(fields[1] ?? 'null') as unknown }));
    },
    async subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) {
        set = new Set();
        handlers.set(topic, set);
        await subscriber.subscribe(channel(topic));
      }
      set.add(handler);
      return async () => {
        const current = handlers.get(topic);
        current?.delete(handler);
        if (current && current.size === 0) {
          handlers.delete(topic);
          await subscriber.unsubscribe(channel(topic));
        }
      };
    },
    async close() {
      handlers.clear();
      await Promise.all([commands.quit(), subscriber.quit()]);
    },
  };
}
