import type { Knex } from 'knex';
import { asConflict } from '../../errors';
import { isoNow, newId } from '../../rows';
import type { Tenant } from '../../types';

export async function createTenant({ db, slug, name, now }: { db: Knex; slug: string; name: string; now?: Date }): Promise<Tenant> {
  const tenant: Tenant = { id: newId(), slug, name, createdAt: isoNow(now) };
  try {
    await db('tenants').insert({ id: tenant.id, slug, name, created_at: tenant.createdAt });
  } catch (err) {
    asConflict(err, `tenant ${slug}`);
  }
  return tenant;
}
