import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import { toJson } from '../../rows';
import type { Environment } from '../../types';
import { getEnvironment } from './getEnvironment';

export async function updateEnvironment(args: {
  db: Knex;
  tenantId: string;
  id: string;
  target?: string;
  settings?: Readonly<Record<string, unknown>>;
}): Promise<Environment> {
  const { db, tenantId, id } = args;
  const patch: Record<string, string> = {};
  if (args.target !== undefined) patch.target = args.target;
  if (args.settings !== undefined) patch.settings = toJson(args.settings);
  const current = await getEnvironment({ db, tenantId, id });
  if (Object.keys(patch).length === 0) return current;
  if ((await db('environments').where({ tenant_id: tenantId, id }).update(patch)) === 0) throw new NotFoundError('environment', id);
  return getEnvironment({ db, tenantId, id });
}
