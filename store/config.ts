import { z } from 'zod';

/**
 * Where the metadata store lives. SQLite (a file, or `:memory:` for tests) on the embedded default,
 * PostgreSQL in production. Parsed once at the composition root.
 */
export const storeConfigSchema = z.discriminatedUnion('client', [
  z.object({
    client: z.literal('sqlite'),
    /** A file path, or `:memory:` (one connection, gone when closed). */
    filename: z.string().min(1),
  }),
  z.object({
    client: z.literal('pg'),
    connectionString: z.string().min(1),
    /** Optional PostgreSQL schema (search_path); created if missing. Tests use one per file. */
    schema: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
    poolMax: z.number().int().min(1).max(100).default(10),
  }),
]);

export type StoreConfig = z.input<typeof storeConfigSchema>;
