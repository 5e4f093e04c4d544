import type { Knex } from 'knex';
import { getSchedule, listSchedules, migrationNames } from '../../../store';
import { migrationSource } from '../../../store/migrations';
import { openTestDatabase, testDatabaseIds } from './testDatabases';

const tables = [
  'tenants', 'orgs', 'projects', 'environments', 'api_tokens', 'project_versions', 'graph_nodes', 'graph_edges',
  'plans', 'runs', 'node_runs', 'schedules', 'canvas_events', 'audit_events',
];

const SCHEDULE_DEFINITION = '20261122000400_schedule_definition';
const definitionColumns = ['time_zone', 'overlap', 'interval_seconds', 'interval_offset_seconds', 'select_expr', 'exclude_expr', 'selector_name'];

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

  describe(SCHEDULE_DEFINITION, () => {
    const at = '2026-01-01T00:00:00.000Z';
    const ids = {
      tenant: '00000000-0000-4000-8000-000000000001', org: '00000000-0000-4000-8000-000000000002',
      project: '00000000-0000-4000-8000-000000000003', env: '00000000-0000-4000-8000-000000000004',
      plain: '00000000-0000-4000-8000-0000000000a1', empty: '00000000-0000-4000-8000-0000000000a2',
      cron: '00000000-0000-4000-8000-0000000000a3', interval: '00000000-0000-4000-8000-0000000000a4',
    };
    // Exactly what the API (api/services/schedulesStore.ts, now gone) wrote before this migration.
    const v1Cron = { v: 1, cron: '30 2 * * 1-5', interval: null, timeZone: 'Europe/Paris', overlap: 'buffer_one', select: 'tag:nightly+', exclude: 'orders_snapshot', selector: null };
    const v1Interval = { v: 1, cron: null, interval: { everySeconds: 3600, offsetSeconds: 300 }, timeZone: 'UTC', overlap: 'skip', select: null, exclude: null, selector: 'daily' };

    /** The database as the four earlier migrations left it, with schedule rows as the old API wrote them. */
    async function seedOldSchema(db: Knex): Promise<void> {
      await db('tenants').insert({ id: ids.tenant, slug: 't', name: 'T', created_at: at });
      await db('orgs').insert({ id: ids.org, tenant_id: ids.tenant, slug: 'o', name: 'O', created_at: at });
      await db('projects').insert({ id: ids.project, tenant_id: ids.tenant, org_id: ids.org, slug: 'p', name: 'P', created_at: at });
      await db('environments').insert({ id: ids.env, tenant_id: ids.tenant, project_id: ids.project, name: 'dev', target: 'dev', settings: '{}', created_at: at });
      const row = (id: string, name: string, cron: string, selector: string) => ({
        id, tenant_id: ids.tenant, project_id: ids.project, environment_id: ids.env, name, cron, selector, paused: name === 'c', created_at: at, updated_at: at,
      });
      await db('schedules').insert([
        row(ids.plain, 'a', '0 3 * * *', 'tag:plain'),
        row(ids.empty, 'b', '0 4 * * *', ''),
        row(ids.cron, 'c', '30 2 * * 1-5', JSON.stringify(v1Cron)),
        row(ids.interval, 'd', '@every 3600s/300s', JSON.stringify(v1Interval)),
      ]);
    }

    it('moves plain and v1 JSON rows into the new columns, rolls back to what the old API reads, and applies again', async () => {
      const { store, dispose } = await openTestDatabase(dbId, false);
      const db = store.db;
      try {
        for (const name of migrationNames.slice(0, migrationNames.indexOf(SCHEDULE_DEFINITION))) await db.migrate.up({ migrationSource, name });
        await seedOldSchema(db);

        expect(await store.migrateLatest()).toEqual(migrationNames.slice(migrationNames.indexOf(SCHEDULE_DEFINITION)));
        for (const c of definitionColumns) expect(await db.schema.hasColumn('schedules', c)).toBe(true);
        expect(await db.schema.hasColumn('schedules', 'selector')).toBe(false);
        const base = { tenantId: ids.tenant, projectId: ids.project, environmentId: ids.env, createdAt: at, updatedAt: at };
        const expected = [
          { ...base, id: ids.plain, name: 'a', timing: { kind: 'cron', cron: '0 3 * * *' }, timeZone: 'UTC', overlap: 'skip', select: 'tag:plain', exclude: null, selector: null, paused: false },
          { ...base, id: ids.empty, name: 'b', timing: { kind: 'cron', cron: '0 4 * * *' }, timeZone: 'UTC', overlap: 'skip', select: null, exclude: null, selector: null, paused: false },
          { ...base, id: ids.cron, name: 'c', timing: { kind: 'cron', cron: '30 2 * * 1-5' }, timeZone: 'Europe/Paris', overlap: 'buffer_one', select: 'tag:nightly+', exclude: 'orders_snapshot', selector: null, paused: true },
          { ...base, id: ids.interval, name: 'd', timing: { kind: 'interval', everySeconds: 3600, offsetSeconds: 300 }, timeZone: 'UTC', overlap: 'skip', select: null, exclude: null, selector: 'daily', paused: false },
        ];
        expect(await listSchedules({ db, tenantId: ids.tenant, projectId: ids.project })).toEqual(expected);
        expect(await db('schedules').where({ id: ids.interval }).first('cron')).toEqual({ cron: null });
        // The rebuilt table (SQLite) keeps its unique key and foreign keys.
        const dup = { id: '00000000-0000-4000-8000-0000000000b1', tenant_id: ids.tenant, project_id: ids.project, environment_id: ids.env, name: 'a', cron: '0 5 * * *', paused: false, created_at: at, updated_at: at };
        await expect(db('schedules').insert(dup)).rejects.toMatchObject({ code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_UNIQUE)$/) });
        await expect(db('schedules').insert({ ...dup, name: 'z', tenant_id: '00000000-0000-4000-8000-00000000ffff' }))
          .rejects.toMatchObject({ code: expect.stringMatching(/^(23503|SQLITE_CONSTRAINT_FOREIGNKEY)$/) });

        await db.migrate.down({ migrationSource, name: SCHEDULE_DEFINITION });
        for (const c of definitionColumns) expect(await db.schema.hasColumn('schedules', c)).toBe(false);
        const old = (await db('schedules').orderBy('name').select('name', 'cron', 'selector')) as Array<{ name: string; cron: string; selector: string }>;
        expect(old.map((r) => [r.name, r.cron])).toEqual([['a', '0 3 * * *'], ['b', '0 4 * * *'], ['c', '30 2 * * 1-5'], ['d', '@every 3600s/300s']]);
        expect(old.slice(0, 2).map((r) => r.selector)).toEqual(['tag:plain', '']);
        expect(JSON.parse(old[2]?.selector ?? 'null')).toEqual(v1Cron);
        expect(JSON.parse(old[3]?.selector ?? 'null')).toEqual(v1Interval);
        // cron and selector are not null again, as the old schema had them.
        const notNull = { code: expect.stringMatching(/^(23502|SQLITE_CONSTRAINT_NOTNULL)$/) };
        await expect(db('schedules').insert({ ...dup, name: 'y', cron: null, selector: 'x' })).rejects.toMatchObject(notNull);
        await expect(db('schedules').insert({ ...dup, name: 'y', selector: null })).rejects.toMatchObject(notNull);

        expect(await store.migrateLatest()).toEqual([SCHEDULE_DEFINITION]);
        expect(await listSchedules({ db, tenantId: ids.tenant, projectId: ids.project })).toEqual(expected);
        expect((await getSchedule({ db, tenantId: ids.tenant, id: ids.interval })).timing).toEqual({ kind: 'interval', everySeconds: 3600, offsetSeconds: 300 });
      } finally {
        await dispose();
      }
    });
  });
});
