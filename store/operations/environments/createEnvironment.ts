import type { Knex } from 'knex';
import { asConflict } from '../../errors';
import { isoNow, newId, toJson } from '../../rows';
import type { Environment } from '../../types';
import { getProject } from '../projects/getProject';

export async function createEnvironment(args: {
  db: Knex;
  tenantId: string;
  projectId: string;
  name: string;
  target: string;
  settings?: Readonly<Record<string, unknown>>;
  now?: Date;
}): Promise<Environment> {
  const { db, tenantId, projectId, name, target } = args;
  await getProject({ db, tenantId, id: projectId });
  const env: Environment = { id: newId(), tenantId, projectId, name, target, settings: args.settings ?? {}, createdAt: isoNow(args.now) };
  try {
    await db('environments').insert({
      id: env.id,
      tenant_id: tenantId,
      project_id: projectId,
      name,
      target,
      settings: toJson(env.settings),
      created_at: env.createdAt,
    });
  } catch (err) {
    asConflict(err, `environment ${name}`);
  }
  return env;
}
