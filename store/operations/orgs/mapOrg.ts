import type { Org } from '../../types';

export const mapOrg = (r: Record<string, unknown>): Org => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  slug: String(r.slug),
  name: String(r.name),
  createdAt: String(r.created_at),
});
