import type { Command } from 'commander';
import type { ExecutionPlan } from '../../domain/plan/types';
import { ApiClient } from '../apiClient';
import { CliError } from '../errors';
import { renderPlanTable } from './plan';

interface Scope {
  readonly tenant?: string;
  readonly project?: string;
}

interface CreateOptions extends Scope {
  readonly env: string;
  readonly version?: string;
  readonly select?: string;
  readonly exclude?: string;
  readonly selector?: string;
  readonly fullRefresh?: boolean;
  readonly json?: boolean;
}

interface PlanResource {
  id: string;
  planHash: string;
  plan: ExecutionPlan;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An environment id, or its name looked up in the project. */
async function environmentId(client: ApiClient, base: string, env: string): Promise<string> {
  if (UUID.test(env)) return env;
  const envs = await client.request<Array<{ id: string; name: string }>>('GET', `${base}/environments`);
  const found = envs.find((e) => e.name === env);
  if (!found) throw new CliError(`no environment named ${env} in this project (have: ${envs.map((e) => e.name).join(', ') || 'none'})`);
  return found.id;
}

function print(p: PlanResource, json: boolean | undefined): void {
  if (json) process.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
  else process.stdout.write(`plan ${p.id}\n${renderPlanTable(p.plan)}`);
}

/**
 * `sluice plans create|show`: plans built and stored by the API (the offline `sluice plan PATH`
 * builds one from local files instead).
 */
export function registerPlans(program: Command): void {
  const plans = program.command('plans').description('execution plans built by the Sluice API from a stored version and an environment');
  const scoped = (c: Command): Command => c.option('--tenant <id>', 'tenant (default: from login)').option('--project <id>', 'project (default: from login)');
  scoped(plans.command('create'))
    .description('build and store a plan on the API')
    .requiredOption('--env <name|id>', 'the environment (its settings and history shape the plan)')
    .option('--version <id>', 'the project version (default: the newest)')
    .option('-s, --select <expr>', 'dbt selection expression')
    .option('--exclude <expr>', 'dbt exclusion expression')
    .option('--selector <name>', "a YAML selector of the project's manifest")
    .option('--full-refresh', 'rebuild incremental models and seeds from scratch')
    .option('--json', 'print the stored plan as JSON')
    .action(async (options: CreateOptions) => {
      const client = ApiClient.fromConfig();
      const base = client.projectBase(options);
      const body = {
        environmentId: await environmentId(client, base, options.env),
        ...(options.version ? { versionId: options.version } : {}),
        ...(options.select ? { select: options.select } : {}),
        ...(options.exclude ? { exclude: options.exclude } : {}),
        ...(options.selector ? { selector: options.selector } : {}),
        ...(options.fullRefresh ? { fullRefresh: true } : {}),
      };
      print(await client.request<PlanResource>('POST', `${base}/plans`, { json: body }), options.json);
    });
  scoped(plans.command('show'))
    .description('show a stored plan')
    .argument('<planId>', 'the plan id')
    .option('--json', 'print the plan as JSON')
    .action(async (planId: string, options: Scope & { json?: boolean }) => {
      const client = ApiClient.fromConfig();
      print(await client.request<PlanResource>('GET', `${client.projectBase(options)}/plans/${encodeURIComponent(planId)}`), options.json);
    });
}
