/** A message on a topic (e.g. `run:<id>:logs`). `id` orders messages of a topic and resumes a replay. */
export interface BusMessage {
  readonly id: string;
  readonly topic: string;
  readonly data: unknown;
}

/**
 * Live events (logs, run progress) between processes. `publish` also keeps the message for replay,
 * so a subscriber that arrives late can read what it missed, then follow live messages.
 */
export interface Bus {
  publish(topic: string, data: unknown): Promise<string>;
  /** Messages of `topic` after `afterId` (all kept ones when omitted), oldest first. */
  replay(topic: string, afterId?: string): Promise<BusMessage[]>;
  /** Calls `handler` for each new message of `topic`; resolves once listening. Returns unsubscribe. */
  subscribe(topic: string, handler: (message: BusMessage) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
