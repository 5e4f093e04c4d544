import {
  ConflictError, createApiToken, createEnvironment, createOrg, createProject, createTenant, deleteOrg, deleteProject,
  deleteTenant, findApiTokenBySecret, getEnvironment, getOrg, getProject, listApiTokens, listOrgs, listProjects,
  listTenants, NotFoundError, revokeApiToken, updateEnvironment, updateOrg,
} from '../../../store';
import { openTestDatabase, testDatabaseIds, type TestDatabase } from './testDatabases';

describe.each(testDatabaseIds)('store tenancy operations on %s', (dbId) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(dbId); });
  afterAll(async () => { await t.dispose(); });

  it('creates, reads, lists, updates and deletes orgs, projects and environments scoped by tenant', async () => {
    const db = t.store.db;
    const a = await createTenant({ db, slug: 'crud-a', name: 'A' });
    const b = await createTenant({ db, slug: 'crud-b', name: 'B' });
    const org = await createOrg({ db, tenantId: a.id, slug: 'data', name: 'Data' });
    expect(await getOrg({ db, tenantId: a.id, id: org.id })).toEqual(org);
    expect((await updateOrg({ db, tenantId: a.id, id: org.id, name: 'Data team' })).name).toBe('Data team');
    const project = await createProject({ db, tenantId: a.id, orgId: org.id, slug: 'shop', name: 'Shop' });
    expect(await listProjects({ db, tenantId: a.id, orgId: org.id })).toEqual([project]);
    const env = await createEnvironment({ db, tenantId: a.id, projectId: project.id, name: 'prod', target: 'prod', settings: { secretRef: 'vault:x' } });
    expect(await getEnvironment({ db, tenantId: a.id, id: env.id })).toEqual(env);
    expect((await updateEnvironment({ db, tenantId: a.id, id: env.id, target: 'prod2' })).target).toBe('prod2');

    // Tenant B sees none of it, and cannot attach to it or change it.
    expect(await listOrgs({ db, tenantId: b.id })).toEqual([]);
    await expect(getOrg({ db, tenantId: b.id, id: org.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getProject({ db, tenantId: b.id, id: project.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(createProject({ db, tenantId: b.id, orgId: org.id, slug: 'x', name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateOrg({ db, tenantId: b.id, id: org.id, name: 'hijack' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteOrg({ db, tenantId: b.id, id: org.id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await getOrg({ db, tenantId: a.id, id: org.id })).name).toBe('Data team');

    // Duplicates and deleting what is still referenced are conflicts that change nothing.
    await expect(createOrg({ db, tenantId: a.id, slug: 'data', name: 'again' })).rejects.toMatchObject({ code: 'duplicate' });
    await expect(deleteOrg({ db, tenantId: a.id, id: org.id })).rejects.toMatchObject({ code: 'in_use' });
    await expect(deleteProject({ db, tenantId: a.id, id: project.id })).rejects.toBeInstanceOf(ConflictError);
    await expect(deleteTenant({ db, id: a.id })).rejects.toBeInstanceOf(ConflictError);
    expect(await listOrgs({ db, tenantId: a.id })).toHaveLength(1);
    expect((await listTenants({ db })).map((x) => x.slug)).toEqual(expect.arrayContaining(['crud-a', 'crud-b']));
    await deleteTenant({ db, id: b.id });
    await expect(deleteTenant({ db, id: b.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('stores only a hash of an API token, finds it by its secret, and honours revocation and expiry', async () => {
    const db = t.store.db;
    const tenant = await createTenant({ db, slug: 'tokens', name: 'T' });
    const { token, secret } = await createApiToken({ db, tenantId: tenant.id, name: 'ci', role: 'editor' });
    expect(secret.startsWith(token.prefix)).toBe(true);
    const stored = (await db('api_tokens').where({ id: token.id }).first()) as Record<string, unknown>;
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await findApiTokenBySecret({ db, secret }))?.id).toBe(token.id);
    expect(await findApiTokenBySecret({ db, secret: `${secret}x` })).toBeNull();
    await revokeApiToken({ db, tenantId: tenant.id, id: token.id });
    expect(await findApiTokenBySecret({ db, secret })).toBeNull();
    const expired = await createApiToken({ db, tenantId: tenant.id, name: 'old', role: 'viewer', expiresAt: '2020-01-01T00:00:00.000Z' });
    expect(await findApiTokenBySecret({ db, secret: expired.secret })).toBeNull();
    expect((await listApiTokens({ db, tenantId: tenant.id })).map((x) => x.name)).toEqual(['ci', 'old']);
  });
});
