import { z } from 'zod';

/** API limits; explicit and configurable (ARCHITECTURE §7). */
export const apiLimitsSchema = z.object({
  /** Largest accepted artifact upload (one file, or the tar.gz and each file in it), bytes. */
  maxUploadBytes: z.number().int().positive().default(200 * 1024 * 1024),
  /** Largest JSON request body, bytes. */
  maxJsonBytes: z.number().int().positive().default(1024 * 1024),
  /** Most nodes on one page of a version's graph. */
  maxGraphPage: z.number().int().positive().default(1000),
  /** Requests per minute per client (token or address); 0 turns the limit off. */
  requestsPerMinute: z.number().int().min(0).default(600),
  /** Most versions whose parsed artifacts the process keeps (api/services/versionCache.ts). */
  versionCacheEntries: z.number().int().positive().default(8),
  /** Most bytes of those versions' source JSON kept; the parsed objects take a few times this in memory. */
  versionCacheBytes: z.number().int().positive().default(256 * 1024 * 1024),
});

export type ApiLimits = z.output<typeof apiLimitsSchema>;
