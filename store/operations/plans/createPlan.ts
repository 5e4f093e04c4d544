import type { Knex } from 'knex';
import { isoNow, newId, toJson } from '../../rows';
import type { StoredPlan } from '../../types';
import { getEnvironment } from '../environments/getEnvironment';
import { getProjectVersion } from '../versions/getProjectVersion';
import { getPlanByHash } from './getPlan';

/** Stores an immutable plan; a plan with the same hash already stored for the tenant is returned as is. */
export async function createPlan(args: {
  db: Knex;
  tenantId: string;
  environmentId: string;
  versionId: string;
  planHash: string;
  body: unknown;
  createdBy: string;
  now?: Date;
}): Promise<StoredPlan> {
  const { db, tenantId } = args;
  const existing = await getPlanByHash({ db, tenantId, planHash: args.planHash });
  if (existing) return existing;
  const env = await getEnvironment({ db, tenantId, id: args.environmentId });
  const version = await getProjectVersion({ db, tenantId, id: args.versionId });
  const plan: StoredPlan = {
    id: newId(),
    tenantId,
    projectId: version.projectId,
    environmentId: env.id,
    versionId: version.id,
    planHash: args.planHash,
    body: args.body,
    createdBy: args.createdBy,
    createdAt: isoNow(args.now),
  };
  await db('plans').insert({
    id: plan.id,
    tenant_id: tenantId,
    project_id: plan.projectId,
    environment_id: plan.environmentId,
    version_id: plan.versionId,
    plan_hash: plan.planHash,
    body: toJson(plan.body),
    created_by: plan.createdBy,
    created_at: plan.createdAt,
  });
  return plan;
}
