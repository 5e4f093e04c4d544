import type { Knex } from 'knex';
import { ConflictError } from '../../errors';
import { isoNow, newId } from '../../rows';
import type { Run } from '../../types';
import { getPlan } from '../plans/getPlan';
import { mapRun } from './mapRun';

/**
 * Records a queued run of a plan. With an idempotency key, a second call with the same key returns the
 * first run (`created: false`) when it is for the same plan, and is a conflict when it is not.
 */
export async function createRun(args: {
  db: Knex;
  tenantId: string;
  planId: string;
  requestedBy: string;
  idempotencyKey?: string | null;
  now?: Date;
}): Promise<{ run: Run; created: boolean }> {
  const { db, tenantId } = args;
  const key = args.idempotencyKey ?? null;
  if (key !== null) {
    const prior = await byKey(db, tenantId, key);
    if (prior) return sameRun(prior, args.planId);
  }
  const plan = await getPlan({ db, tenantId, id: args.planId });
  const id = newId();
  const at = isoNow(args.now);
  const row = {
    id,
    tenant_id: tenantId,
    project_id: plan.projectId,
    environment_id: plan.environmentId,
    plan_id: plan.id,
    status: 'queued',
    workflow_id: `run/${plan.projectId}/${id}`,
    requested_by: args.requestedBy,
    idempotency_key: key,
    created_at: at,
    updated_at: at,
    started_at: null,
    finished_at: null,
  };
  try {
    await db('runs').insert(row);
  } catch (err) {
    const prior = key === null ? null : await byKey(db, tenantId, key);
    if (prior) return sameRun(prior, args.planId);
    throw err;
  }
  return { run: mapRun(row), created: true };
}

async function byKey(db: Knex, tenantId: string, key: string): Promise<Run | null> {
  const row = (await db('runs').where({ tenant_id: tenantId, idempotency_key: key }).first()) as Record<string, unknown> | undefined;
  return row ? mapRun(row) : null;
}

function sameRun(prior: Run, planId: string): { run: Run; created: boolean } {
  if (prior.planId !== planId) throw new ConflictError('the idempotency key was used for another request', 'duplicate');
  return { run: prior, created: false };
}
