import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import type { Run } from '../../types';
import { mapRun } from './mapRun';

export async function getRun({ db, tenantId, id }: { db: Knex; tenantId: string; id: string }): Promise<Run> {
  const row = (await db('runs').where({ tenant_id: tenantId, id }).first()) as Record<string, unknown> | undefined;
  if (!row) throw new NotFoundError('run', id);
  return mapRun(row);
}
