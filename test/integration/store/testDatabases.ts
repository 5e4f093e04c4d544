import { randomBytes } from 'node:crypto';
import { createStore, type Store } from '../../../store';

/**
 * The real databases every store test runs on (Backstage TestDatabases style): SQLite in memory and
 * PostgreSQL from services.env, in a schema of its own that is dropped afterwards.
 */
export type TestDatabaseId = 'sqlite' | 'postgres';
export const testDatabaseIds: readonly TestDatabaseId[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  readonly store: Store;
  dispose(): Promise<void>;
}

export async function openTestDatabase(id: TestDatabaseId, migrate = true): Promise<TestDatabase> {
  let store: Store;
  let dispose: () => Promise<void>;
  switch (id) {
    case 'sqlite':
      store = await createStore({ client: 'sqlite', filename: ':memory:' });
      dispose = () => store.close();
      break;
    case 'postgres': {
      const url = process.env.SLUICE_TEST_PG_URL;
      if (!url) throw new Error('SLUICE_TEST_PG_URL is not set: run through `npm test` or source .sluice/test/services.env');
      const schema = `t_${randomBytes(6).toString('hex')}`;
      store = await createStore({ client: 'pg', connectionString: url, schema, poolMax: 4 });
      dispose = async () => {
        await store.db.raw('drop schema if exists ?? cascade', [schema]);
        await store.close();
      };
      break;
    }
    default: {
      const unreachable: never = id;
      throw new Error(`unknown test database ${String(unreachable)}`);
    }
  }
  if (migrate) await store.migrateLatest();
  return { store, dispose };
}
