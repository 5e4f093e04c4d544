import { nullable } from '../../rows';
import type { ApiToken, Role } from '../../types';

export const mapApiToken = (r: Record<string, unknown>): ApiToken => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  name: String(r.name),
  role: String(r.role) as Role,
  prefix: String(r.prefix),
  createdAt: String(r.created_at),
  expiresAt: nullable(r.expires_at),
  revokedAt: nullable(r.revoked_at),
  lastUsedAt: nullable(r.last_used_at),
});
