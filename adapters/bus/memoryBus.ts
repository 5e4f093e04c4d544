import { EventEmitter } from 'node:events';
import type { Bus, BusMessage } from './types';

/** The in-process bus of the embedded default; keeps the last `maxPerTopic` messages of each topic. */
export function createMemoryBus({ maxPerTopic = 10_000 }: { maxPerTopic?: number } = {}): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const kept = new Map<string, BusMessage[]>();
  let seq = 0;
  return {
    publish(topic, data) {
      seq += 1;
      const message: BusMessage = { id: String(seq), topic, data };
      const list = kept.get(topic) ?? [];
      list.push(message);
      if (list.length > maxPerTopic) list.splice(0, list.length - maxPerTopic);
      kept.set(topic, list);
      emitter.emit(topic, message);
      return Promise.resolve(message.id);
    },
    replay(topic, afterId) {
      const after = afterId === undefined ? 0 : Number(afterId);
      return Promise.resolve((kept.get(topic) ?? []).filter((m) => Number(m.id) > after));
    },
    subscribe(topic, handler) {
      emitter.on(topic, handler);
      return Promise.resolve(() => {
        emitter.off(topic, handler);
        return Promise.resolve();
      });
    },
    close() {
      emitter.removeAllListeners();
      kept.clear();
      return Promise.resolve();
    },
  };
}
