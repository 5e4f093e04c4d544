import {
  createEnvironment, createOrg, createProject, createSchedule, createTenant, deleteSchedule, getSchedule, listSchedules,
  NotFoundError, setSchedulePaused, updateSchedule,
} from '../../../store';
import { openTestDatabase, testDatabaseIds, type TestDatabase } from './testDatabases';

describe.each(testDatabaseIds)('store schedule operations on %s', (dbId) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(dbId); });
  afterAll(async () => { await t.dispose(); });

  async function seed(slug: string) {
    const db = t.store.db;
    const tenant = await createTenant({ db, slug, name: slug });
    const org = await createOrg({ db, tenantId: tenant.id, slug: 'o', name: 'O' });
    const project = await createProject({ db, tenantId: tenant.id, orgId: org.id, slug: 'p', name: 'P' });
    const env = await createEnvironment({ db, tenantId: tenant.id, projectId: project.id, name: 'dev', target: 'dev' });
    return { db, tenantId: tenant.id, project, env };
  }

  it('creates, reads, updates, pauses, lists and deletes schedules with their full definition', async () => {
    const { db, tenantId, project, env } = await seed('sched-crud');
    const now = new Date('2026-01-02T03:04:05.000Z');
    const nightly = await createSchedule({
      db, tenantId, environmentId: env.id, name: 'nightly', timing: { kind: 'cron', cron: '0 3 * * *' }, timeZone: 'Europe/Paris', overlap: 'buffer_one',
      select: 'tag:nightly+', exclude: 'orders_snapshot', now,
    });
    expect(nightly).toMatchObject({
      projectId: project.id, environmentId: env.id, timing: { kind: 'cron', cron: '0 3 * * *' }, timeZone: 'Europe/Paris', overlap: 'buffer_one',
      select: 'tag:nightly+', exclude: 'orders_snapshot', selector: null, paused: false, createdAt: now.toISOString(), updatedAt: now.toISOString(),
    });
    expect(await getSchedule({ db, tenantId, id: nightly.id })).toEqual(nightly);
    expect(await getSchedule({ db, tenantId, projectId: project.id, id: nightly.id })).toEqual(nightly);

    // Defaults: UTC, skip, no selection, not paused unless asked.
    const hourly = await createSchedule({ db, tenantId, environmentId: env.id, name: 'hourly', timing: { kind: 'interval', everySeconds: 3600, offsetSeconds: 60 }, paused: true });
    expect(await getSchedule({ db, tenantId, id: hourly.id })).toMatchObject({
      timing: { kind: 'interval', everySeconds: 3600, offsetSeconds: 60 }, timeZone: 'UTC', overlap: 'skip', select: null, exclude: null, selector: null, paused: true,
    });
    expect((await listSchedules({ db, tenantId, projectId: project.id })).map((s) => s.name)).toEqual(['hourly', 'nightly']);

    // An interval replaces the cron (and back); unnamed fields are kept; null clears a selection.
    const later = new Date('2026-02-01T00:00:00.000Z');
    const toInterval = await updateSchedule({ db, tenantId, id: nightly.id, changes: { timing: { kind: 'interval', everySeconds: 900, offsetSeconds: 0 }, exclude: null, selector: 'daily' }, now: later });
    expect(toInterval).toMatchObject({ timing: { kind: 'interval', everySeconds: 900, offsetSeconds: 0 }, timeZone: 'Europe/Paris', overlap: 'buffer_one', select: 'tag:nightly+', exclude: null, selector: 'daily', updatedAt: later.toISOString(), createdAt: now.toISOString() });
    const back = await updateSchedule({ db, tenantId, id: nightly.id, changes: { name: 'nightly-2', timing: { kind: 'cron', cron: '@daily' }, timeZone: 'UTC', overlap: 'allow_all', select: null, paused: true } });
    expect(back).toMatchObject({ name: 'nightly-2', timing: { kind: 'cron', cron: '@daily' }, timeZone: 'UTC', overlap: 'allow_all', select: null, selector: 'daily', paused: true });
    expect(await getSchedule({ db, tenantId, id: nightly.id })).toEqual(back);
    expect(await updateSchedule({ db, tenantId, id: nightly.id, changes: {} })).toEqual(back);

    expect((await setSchedulePaused({ db, tenantId, id: nightly.id, paused: false })).paused).toBe(false);
    expect((await listSchedules({ db, tenantId, projectId: project.id })).map((s) => [s.name, s.paused])).toEqual([['hourly', true], ['nightly-2', false]]);

    // Another environment of the project is fine; one of another project is not found.
    const prod = await createEnvironment({ db, tenantId, projectId: project.id, name: 'prod', target: 'prod' });
    expect((await updateSchedule({ db, tenantId, id: hourly.id, changes: { environmentId: prod.id } })).environmentId).toBe(prod.id);
    const other = await createProject({ db, tenantId, orgId: project.orgId, slug: 'p2', name: 'P2' });
    const otherEnv = await createEnvironment({ db, tenantId, projectId: other.id, name: 'dev', target: 'dev' });
    await expect(updateSchedule({ db, tenantId, id: hourly.id, changes: { environmentId: otherEnv.id } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getSchedule({ db, tenantId, projectId: other.id, id: hourly.id })).rejects.toBeInstanceOf(NotFoundError);

    // Names are unique per project, on create and on rename.
    await expect(createSchedule({ db, tenantId, environmentId: prod.id, name: 'hourly', timing: { kind: 'cron', cron: '0 * * * *' } })).rejects.toMatchObject({ code: 'duplicate' });
    await expect(updateSchedule({ db, tenantId, id: hourly.id, changes: { name: 'nightly-2' } })).rejects.toMatchObject({ code: 'duplicate' });
    expect((await createSchedule({ db, tenantId, environmentId: otherEnv.id, name: 'hourly', timing: { kind: 'cron', cron: '0 * * * *' } })).projectId).toBe(other.id);

    await deleteSchedule({ db, tenantId, id: hourly.id });
    await expect(getSchedule({ db, tenantId, id: hourly.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteSchedule({ db, tenantId, id: hourly.id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listSchedules({ db, tenantId, projectId: project.id })).map((s) => s.name)).toEqual(['nightly-2']);
  });

  it('scopes every operation by tenant', async () => {
    const a = await seed('sched-a');
    const b = await seed('sched-b');
    const db = a.db;
    const s = await createSchedule({ db, tenantId: a.tenantId, environmentId: a.env.id, name: 'nightly', timing: { kind: 'cron', cron: '0 3 * * *' }, select: 'x' });

    // Tenant B can neither see, change, pause nor delete it, nor attach a schedule to A's environment.
    expect(await listSchedules({ db, tenantId: b.tenantId, projectId: a.project.id })).toEqual([]);
    await expect(getSchedule({ db, tenantId: b.tenantId, id: s.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateSchedule({ db, tenantId: b.tenantId, id: s.id, changes: { select: 'hijack' } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setSchedulePaused({ db, tenantId: b.tenantId, id: s.id, paused: true })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteSchedule({ db, tenantId: b.tenantId, id: s.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(createSchedule({ db, tenantId: b.tenantId, environmentId: a.env.id, name: 'n', timing: { kind: 'cron', cron: '0 3 * * *' } })).rejects.toBeInstanceOf(NotFoundError);
    // Nor move its own schedule onto A's environment.
    const own = await createSchedule({ db, tenantId: b.tenantId, environmentId: b.env.id, name: 'nightly', timing: { kind: 'cron', cron: '0 3 * * *' } });
    await expect(updateSchedule({ db, tenantId: b.tenantId, id: own.id, changes: { environmentId: a.env.id } })).rejects.toBeInstanceOf(NotFoundError);

    expect(await getSchedule({ db, tenantId: a.tenantId, id: s.id })).toEqual(s);
    expect(await listSchedules({ db, tenantId: a.tenantId, projectId: a.project.id })).toEqual([s]);
  });
});
