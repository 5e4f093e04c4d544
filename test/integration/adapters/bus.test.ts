import { randomBytes } from 'node:crypto';
import { createMemoryBus, createRedisBus, type Bus, type BusMessage } from '../../../adapters/bus';

type Kind = 'memory' | 'redis';

function open(kind: Kind): Bus {
  switch (kind) {
    case 'memory':
      return createMemoryBus();
    case 'redis': {
      const url = process.env.SLUICE_TEST_REDIS_URL;
      if (!url) throw new Error('SLUICE_TEST_REDIS_URL is not set: run through `npm test` or source .sluice/test/services.env');
      return createRedisBus({ url, prefix: `sluice-test-${randomBytes(6).toString('hex')}:` });
    }
    default: {
      const unreachable: never = kind;
      throw new Error(String(unreachable));
    }
  }
}

describe.each<Kind>(['memory', 'redis'])('Bus on %s', (kind) => {
  it('delivers live messages to subscribers of the topic only, and replays what was kept after an id', async () => {
    const bus = open(kind);
    try {
      const got: BusMessage[] = [];
      const other: BusMessage[] = [];
      const unsubscribe = await bus.subscribe('run:1:logs', (m) => got.push(m));
      await bus.subscribe('run:2:logs', (m) => other.push(m));
      const id1 = await bus.publish('run:1:logs', { line: 'one' });
      const id2 = await bus.publish('run:1:logs', { line: 'two' });
      await waitFor(() => got.length === 2);
      expect(got.map((m) => m.data)).toEqual([{ line: 'one' }, { line: 'two' }]);
      expect(got.map((m) => m.id)).toEqual([id1, id2]);
      expect(other).toEqual([]);
      expect((await bus.replay('run:1:logs')).map((m) => m.data)).toEqual([{ line: 'one' }, { line: 'two' }]);
      expect((await bus.replay('run:1:logs', id1)).map((m) => m.id)).toEqual([id2]);
      await unsubscribe();
      await bus.publish('run:1:logs', { line: 'three' });
      await new Promise((r) => setTimeout(r, 100));
      expect(got).toHaveLength(2);
    } finally {
      await bus.close();
    }
  });
});

async function waitFor(done: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out waiting for bus messages');
    await new Promise((r) => setTimeout(r, 10));
  }
}
