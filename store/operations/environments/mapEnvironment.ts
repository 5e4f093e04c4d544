import { fromJson } from '../../rows';
import type { Environment } from '../../types';

export const mapEnvironment = (r: Record<string, unknown>): Environment => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  projectId: String(r.project_id),
  name: String(r.name),
  target: String(r.target),
  settings: fromJson<Record<string, unknown>>(r.settings),
  createdAt: String(r.created_at),
});
