// Where and how an environment's dbt nodes run, resolved when a node runs so that secrets never
// enter workflow history: the environment's `settings.dbt` names the project folder, the target
// and the profile; secret fields are references (names of variables in the worker's environment).
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import { z } from 'zod';
import { getEnvironment } from '../store';
import type { ExecuteNodeInput, NodeEnvironment } from './executeNode';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** The `dbt` key of an environment's settings. */
export const environmentDbtSchema = z.object({
  /** The dbt project folder on the worker's machine. */
  projectDir: z.string().min(1),
  /** dbt target name in the generated profile. */
  target: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/).default('default'),
  profile: z.object({
    type: z.string().min(1),
    /** Non-secret profile fields (host, port, schema, path, ...). */
    settings: z.record(z.string(), scalar).default({}),
    /** Secret profile fields by reference: field → name of a variable in the worker's environment. */
    secretRefs: z.record(z.string(), z.string().min(1)).default({}),
    threads: z.number().int().min(1).max(64).default(1),
  }),
});

export type EnvironmentDbt = z.infer<typeof environmentDbtSchema>;

/** Resolves a node's environment from the store; `secrets` is where secret references are looked up. */
export function storeNodeEnvironmentResolver(db: Knex, secrets: Readonly<Record<string, string | undefined>>) {
  return async function resolveNodeEnvironment(input: ExecuteNodeInput): Promise<NodeEnvironment> {
    const environment = await getEnvironment({ db, tenantId: input.tenantId, id: input.environmentId });
    const parsed = environmentDbtSchema.safeParse((environment.settings as Record<string, unknown>)['dbt']);
    if (!parsed.success) {
      throw ApplicationFailure.nonRetryable(
        `environment ${environment.name} has no usable settings.dbt: ${parsed.error.issues[0]?.message ?? 'invalid'} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`,
        'EnvironmentNotConfigured',
      );
    }
    const dbt = parsed.data;
    const resolved: Record<string, string> = {};
    for (const [field, ref] of Object.entries(dbt.profile.secretRefs)) {
      const value = secrets[ref];
      // The message names the reference, never a value.
      if (!value) throw ApplicationFailure.nonRetryable(`secret ${ref} (profile field ${field}) is not set on this worker`, 'SecretMissing');
      resolved[field] = value;
    }
    return {
      projectDir: dbt.projectDir,
      target: dbt.target,
      profile: { type: dbt.profile.type, settings: dbt.profile.settings, secrets: resolved, threads: dbt.profile.threads },
    };
  };
}
