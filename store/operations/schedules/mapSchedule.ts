import type { Schedule } from '../../types';

export const mapSchedule = (r: Record<string, unknown>): Schedule => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  projectId: String(r.project_id),
  environmentId: String(r.environment_id),
  name: String(r.name),
  cron: String(r.cron),
  selector: String(r.selector),
  // SQLite returns booleans as 0/1.
  paused: Boolean(r.paused),
  createdAt: String(r.created_at),
  updatedAt: String(r.updated_at),
});
