import type { Tenant } from '../../types';

export const mapTenant = (r: Record<string, unknown>): Tenant => ({
  id: String(r.id),
  slug: String(r.slug),
  name: String(r.name),
  createdAt: String(r.created_at),
});
