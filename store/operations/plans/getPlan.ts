import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import { fromJson } from '../../rows';
import type { StoredPlan } from '../../types';

const mapPlan = (r: Record<string, unknown>): StoredPlan => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  projectId: String(r.project_id),
  environmentId: String(r.environment_id),
  versionId: String(r.version_id),
  planHash: String(r.plan_hash),
  body: fromJson<unknown>(r.body),
  createdBy: String(r.created_by),
  createdAt: String(r.created_at),
});

export async function getPlan({ db, tenantId, id }: { db: Knex; tenantId: string; id: string }): Promise<StoredPlan> {
  const row = (await db('plans').where({ tenant_id: tenantId, id }).first()) as Record<string, unknown> | undefined;
  if (!row) throw new NotFoundError('plan', id);
  return mapPlan(row);
}

export async function getPlanByHash({ db, tenantId, planHash }: { db: Knex; tenantId: string; planHash: string }): Promise<StoredPlan | null> {
  const row = (await db('plans').where({ tenant_id: tenantId, plan_hash: planHash }).first()) as Record<string, unknown> | undefined;
  return row ? mapPlan(row) : null;
}
