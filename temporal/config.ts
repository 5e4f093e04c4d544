import { z } from 'zod';

/** How a process reaches Temporal. Parsed once at boot; a bad value fails at start. */
export const temporalConfigSchema = z.object({
  /** host:port of the Temporal frontend (gRPC). */
  address: z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port').default('127.0.0.1:7233'),
  namespace: z.string().min(1).default('default'),
  /** The task queue Sluice's workers poll and its client starts workflows on. */
  taskQueue: z.string().min(1).default('sluice'),
  /** Base URL of the Temporal Web UI, for links to runs. */
  uiUrl: z.url().default('http://127.0.0.1:8233'),
});

export type TemporalConfig = z.infer<typeof temporalConfigSchema>;
