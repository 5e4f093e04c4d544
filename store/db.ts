import knexFactory, { type Knex } from 'knex';
import { migrationSource } from './migrations';
import { storeConfigSchema, type StoreConfig } from './config';

/** The metadata store: a knex handle on SQLite or PostgreSQL with the schema migrated. */
export interface Store {
  readonly db: Knex;
  readonly client: 'sqlite' | 'pg';
  /** Applies every pending migration; returns the names it applied. */
  migrateLatest(): Promise<readonly string[]>;
  /** Answers when the database answers a trivial query (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Opens the store described by `config`. Call `migrateLatest()` before use (the composition root does). */
export async function createStore(input: StoreConfig): Promise<Store> {
  const config = storeConfigSchema.parse(input);
  let db: Knex;
  switch (config.client) {
    case 'sqlite':
      db = knexFactory({
        client: 'better-sqlite3',
        connection: { filename: config.filename },
        useNullAsDefault: true,
        pool: {
          // SQLite leaves foreign keys off unless asked, per connection.
          afterCreate: (conn: { pragma(s: string): unknown }, done: (err: Error | null, conn: unknown) => void) => {
            conn.pragma('foreign_keys = ON');
            if (config.filename !== ':memory:') conn.pragma('journal_mode = WAL');
            done(null, conn);
          },
        },
      });
      break;
    case 'pg':
      db = knexFactory({
        client: 'pg',
        connection: config.connectionString,
        searchPath: config.schema ? [config.schema] : undefined,
        pool: { min: 0, max: config.poolMax },
      });
      if (config.schema) await db.raw('create schema if not exists ??', [config.schema]);
      break;
    default: {
      const unreachable: never = config;
      throw new Error(`unknown store client ${JSON.stringify(unreachable)}`);
    }
  }
  return {
    db,
    client: config.client,
    migrateLatest: async () => {
      const [, applied] = (await db.migrate.latest({ migrationSource })) as [number, string[]];
      return applied;
    },
    ping: async () => {
      try {
        await db.raw('select 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}
