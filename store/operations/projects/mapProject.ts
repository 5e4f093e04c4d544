import type { Project } from '../../types';

export const mapProject = (r: Record<string, unknown>): Project => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  orgId: String(r.org_id),
  slug: String(r.slug),
  name: String(r.name),
  createdAt: String(r.created_at),
});
