import type { Knex } from 'knex';
import { asConflict } from '../../errors';
import { isoNow, newId } from '../../rows';
import type { Project } from '../../types';
import { getOrg } from '../orgs/getOrg';

/** Creates a project in an org of the same tenant (another tenant's org is "not found"). */
export async function createProject(args: {
  db: Knex;
  tenantId: string;
  orgId: string;
  slug: string;
  name: string;
  now?: Date;
}): Promise<Project> {
  const { db, tenantId, orgId, slug, name } = args;
  await getOrg({ db, tenantId, id: orgId });
  const project: Project = { id: newId(), tenantId, orgId, slug, name, createdAt: isoNow(args.now) };
  try {
    await db('projects').insert({ id: project.id, tenant_id: tenantId, org_id: orgId, slug, name, created_at: project.createdAt });
  } catch (err) {
    asConflict(err, `project ${slug}`);
  }
  return project;
}
