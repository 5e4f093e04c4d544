import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import type { Environment } from '../../types';
import { mapEnvironment } from './mapEnvironment';

export async function getEnvironment({ db, tenantId, id }: { db: Knex; tenantId: string; id: string }): Promise<Environment> {
  const row = (await db('environments').where({ tenant_id: tenantId, id }).first()) as Record<string, unknown> | undefined;
  if (!row) throw new NotFoundError('environment', id);
  return mapEnvironment(row);
}
