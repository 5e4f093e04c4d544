import type { Knex } from 'knex';
import { asConflict } from '../../errors';
import { isoNow, newId } from '../../rows';
import type { Org } from '../../types';

export async function createOrg(args: { db: Knex; tenantId: string; slug: string; name: string; now?: Date }): Promise<Org> {
  const { db, tenantId, slug, name } = args;
  const org: Org = { id: newId(), tenantId, slug, name, createdAt: isoNow(args.now) };
  try {
    await db('orgs').insert({ id: org.id, tenant_id: tenantId, slug, name, created_at: org.createdAt });
  } catch (err) {
    asConflict(err, `org ${slug}`);
  }
  return org;
}
