import { migrationNames } from '../../../store';
import { migrationSource } from '../../../store/migrations';
import { openTestDatabase, testDatabaseIds } from './testDatabases';

const tables = [
  'tenants', 'orgs', 'projects', 'environments', 'api_tokens', 'project_versions', 'graph_nodes', 'graph_edges',
  'plans', 'runs', 'node_runs', 'schedules', 'canvas_events', 'audit_events',
];

describe.each(testDatabaseIds)('knex migrations applied on SQLite and PostgreSQL (%s)', (dbId) => {
  it('applies every migration once, creates every table, and rolls all back', async () => {
    const { store, dispose } = await openTestDatabase(dbId, false);
    try {
      expect(await store.migrateLatest()).toEqual(migrationNames);
      expect(await store.migrateLatest()).toEqual([]);
      for (const t of tables) expect(await store.db.schema.hasTable(t)).toBe(true);
      await store.db.migrate.rollback({ migrationSource }, true);
      for (const t of tables) expect(await store.db.schema.hasTable(t)).toBe(false);
      expect(await store.migrateLatest()).toEqual(migrationNames);
    } finally {
      await dispose();
    }
  });
});
