import type { Request, Response } from 'express';
import type { Bus, BusMessage } from '../../adapters/bus/types';
import { runLogTopic } from '../../domain/runs/topics';
import type { Store } from '../../store/db';
import { getRun } from '../../store/operations/runs/getRun';
import { isTerminal } from '../../store/operations/runs/runTransitions';
import type { Run } from '../../store/types';

export { runLogTopic };

export interface LogStreamOptions {
  /** Resume after this message id (the SSE `Last-Event-ID`, or `?after=`). */
  readonly after?: string | undefined;
  /** Keep the stream open for new messages until the run ends (default); false: history only. */
  readonly follow: boolean;
  /** How often the run's status is checked to end the stream. */
  readonly pollMs?: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  readonly keepAliveMs?: number;
}

const frame = (m: BusMessage): string => `id: ${m.id}\nevent: log\ndata: ${JSON.stringify(m.data)}\n\n`;

/**
 * Streams a run's logs as server-sent events: history first (replayed from the bus), then live
 * messages, with no message twice; ends with an `end` event carrying the run's status once the run
 * has ended (or right after the history when not following). Resolves when the stream is closed.
 */
export async function streamRunLogs(args: { bus: Bus; store: Store; run: Run; req: Request; res: Response; options: LogStreamOptions }): Promise<void> {
  const { bus, store, run, req, res, options } = args;
  const topic = runLogTopic(run.id);
  const seen = new Set<string>();
  let replaying = true;
  const held: BusMessage[] = [];
  let closed = false;
  let lastId = options.after;
  const write = (m: BusMessage): void => {
    if (closed || seen.has(m.id)) return;
    seen.add(m.id);
    lastId = m.id;
    res.write(frame(m));
  };
  // Subscribe before replaying so nothing published in between is lost; hold live messages until then.
  const unsubscribe = options.follow ? await bus.subscribe(topic, (m) => (replaying ? held.push(m) : write(m))) : async () => undefined;
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write(': sluice run logs\n\n');

  return new Promise<void>((resolve) => {
    let poll: NodeJS.Timeout | undefined;
    let keepAlive: NodeJS.Timeout | undefined;
    const finish = async (status: string | null): Promise<void> => {
      if (closed) return;
      if (status !== null) res.write(`event: end\ndata: ${JSON.stringify({ runId: run.id, status })}\n\n`);
      closed = true;
      clearInterval(poll);
      clearInterval(keepAlive);
      await unsubscribe().catch(() => undefined);
      res.end();
      resolve();
    };
    req.on('close', () => void finish(null));
    void (async () => {
      try {
        for (const m of await bus.replay(topic, options.after)) write(m);
        replaying = false;
        held.splice(0).forEach(write);
        const now = await getRun({ db: store.db, tenantId: run.tenantId, id: run.id });
        if (!options.follow || isTerminal(now.status)) {
          await finish(now.status);
          return;
        }
        poll = setInterval(() => {
          void getRun({ db: store.db, tenantId: run.tenantId, id: run.id })
            .then(async (r) => {
              if (!isTerminal(r.status)) return;
              // Give the last published lines a moment to arrive before ending.
              for (const m of await bus.replay(topic, lastId)) write(m);
              await finish(r.status);
            })
            .catch(() => undefined);
        }, options.pollMs ?? 1000);
        keepAlive = setInterval(() => res.write(': keep-alive\n\n'), options.keepAliveMs ?? 15_000);
      } catch {
        await finish(null);
      }
    })();
  });
}
