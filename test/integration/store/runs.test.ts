import {
  appendAuditEvent, appendCanvasEvent, ConflictError, createEnvironment, createOrg, createPlan, createProject,
  createProjectVersion, createRun, createSchedule, createTenant, getRun, listAuditEvents, listCanvasEvents,
  listNodeRuns, listRuns, listSchedules, NotFoundError, recordNodeRun, setSchedulePaused, updateRunStatus,
  verifyAuditChain,
} from '../../../store';
import { smallGraph } from './fixtures';
import { openTestDatabase, testDatabaseIds, type TestDatabase } from './testDatabases';

describe.each(testDatabaseIds)('store plans, runs, schedules, canvas and audit on %s', (dbId) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(dbId); });
  afterAll(async () => { await t.dispose(); });

  async function seed(slug: string) {
    const db = t.store.db;
    const tenant = await createTenant({ db, slug, name: slug });
    const org = await createOrg({ db, tenantId: tenant.id, slug: 'o', name: 'O' });
    const project = await createProject({ db, tenantId: tenant.id, orgId: org.id, slug: 'p', name: 'P' });
    const env = await createEnvironment({ db, tenantId: tenant.id, projectId: project.id, name: 'dev', target: 'dev' });
    const { nodes, edges } = smallGraph();
    const { version } = await createProjectVersion({
      db,
      version: { tenantId: tenant.id, projectId: project.id, files: [{ kind: 'manifest', sha256: 'c'.repeat(64), size: 1 }], gitSha: null, dbtVersion: null, manifestSchema: 'manifest/v12', nodes, edges },
    });
    const plan = await createPlan({ db, tenantId: tenant.id, environmentId: env.id, versionId: version.id, planHash: `h-${slug}`, body: { nodes: [] }, createdBy: 'alice' });
    return { db, tenant, project, env, plan };
  }

  it('starts a run once per idempotency key and walks the lifecycle; node attempts are upserted', async () => {
    const { db, tenant, plan } = await seed('runs');
    const first = await createRun({ db, tenantId: tenant.id, planId: plan.id, requestedBy: 'alice', idempotencyKey: 'k1' });
    expect(first.created).toBe(true);
    expect(first.run.workflowId).toBe(`run/${plan.projectId}/${first.run.id}`);
    expect(await createRun({ db, tenantId: tenant.id, planId: plan.id, requestedBy: 'alice', idempotencyKey: 'k1' })).toEqual({ run: first.run, created: false });
    expect(await listRuns({ db, tenantId: tenant.id, limit: 10 })).toHaveLength(1);

    const id = first.run.id;
    await expect(updateRunStatus({ db, tenantId: tenant.id, id, status: 'success' })).rejects.toBeInstanceOf(ConflictError);
    await updateRunStatus({ db, tenantId: tenant.id, id, status: 'planning' });
    expect((await updateRunStatus({ db, tenantId: tenant.id, id, status: 'running' })).startedAt).not.toBeNull();
    const done = await updateRunStatus({ db, tenantId: tenant.id, id, status: 'success' });
    expect(done.finishedAt).not.toBeNull();
    await expect(updateRunStatus({ db, tenantId: tenant.id, id, status: 'running' })).rejects.toBeInstanceOf(ConflictError);

    const base = { tenantId: tenant.id, runId: id, uniqueId: 'model.shop.orders', nodeUuid: 'u', attempt: 1, startedAt: null, completedAt: null, executionTime: null, adapterResponse: {}, message: null };
    await recordNodeRun({ db, nodeRun: { ...base, status: 'running' } });
    await recordNodeRun({ db, nodeRun: { ...base, status: 'success', executionTime: 1.5, adapterResponse: { rows_affected: 3 } } });
    const nodeRuns = await listNodeRuns({ db, tenantId: tenant.id, runId: id });
    expect(nodeRuns).toHaveLength(1);
    expect(nodeRuns[0]).toMatchObject({ status: 'success', executionTime: 1.5, adapterResponse: { rows_affected: 3 } });

    const other = await createTenant({ db, slug: 'runs-other', name: 'x' });
    await expect(getRun({ db, tenantId: other.id, id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(createRun({ db, tenantId: other.id, planId: plan.id, requestedBy: 'mallory' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps schedules and canvas events per tenant and project', async () => {
    const { db, tenant, project, env } = await seed('sched');
    const s = await createSchedule({ db, tenantId: tenant.id, environmentId: env.id, name: 'nightly', timing: { kind: 'cron', cron: '0 3 * * *' }, select: 'tag:nightly' });
    expect((await setSchedulePaused({ db, tenantId: tenant.id, id: s.id, paused: true })).paused).toBe(true);
    expect(await listSchedules({ db, tenantId: tenant.id, projectId: project.id })).toMatchObject([{ name: 'nightly', paused: true }]);
    const s1 = await appendCanvasEvent({ db, tenantId: tenant.id, projectId: project.id, userId: 'alice', type: 'move', payload: { x: 1 } });
    const s2 = await appendCanvasEvent({ db, tenantId: tenant.id, projectId: project.id, userId: 'alice', type: 'zoom', payload: { z: 2 } });
    expect(s2).toBeGreaterThan(s1);
    expect((await listCanvasEvents({ db, tenantId: tenant.id, projectId: project.id, userId: 'alice', afterSeq: s1 })).map((e) => e.type)).toEqual(['zoom']);
  });

  it('hash-chains audit events per tenant and detects a tampered event', async () => {
    const { db, tenant } = await seed('audit');
    const e1 = await appendAuditEvent({ db, tenantId: tenant.id, actor: 'alice', action: 'plan.approve', subjectType: 'plan', subjectId: 'p1', context: { b: 1, a: 2 } });
    const e2 = await appendAuditEvent({ db, tenantId: tenant.id, actor: 'bob', action: 'run.cancel', subjectType: 'run', subjectId: 'r1' });
    expect(e1.prevHash).toBe('');
    expect(e2.prevHash).toBe(e1.hash);
    // Concurrent appends still form one chain.
    await Promise.all([1, 2, 3, 4].map((i) => appendAuditEvent({ db, tenantId: tenant.id, actor: 'c', action: `a${i}`, subjectType: 's', subjectId: `${i}` })));
    expect(await verifyAuditChain({ db, tenantId: tenant.id })).toEqual({ ok: true, count: 6 });
    expect((await listAuditEvents({ db, tenantId: tenant.id, limit: 100 })).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    await db('audit_events').where({ tenant_id: tenant.id, seq: 2 }).update({ actor: 'mallory' });
    expect(await verifyAuditChain({ db, tenantId: tenant.id })).toEqual({ ok: false, brokenAt: 2 });
  });
});
