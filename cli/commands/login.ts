import type { Command } from 'commander';
import { ApiClient } from '../apiClient';
import { CliError } from '../errors';
import { userConfigPath, userConfigSchema, writeUserConfig } from '../userConfig';

interface LoginOptions {
  readonly url: string;
  readonly token: string;
  readonly tenant?: string;
  readonly project?: string;
}

/** `sluice login`: checks the URL and token against the API, then saves them (mode 0600). */
export function registerLogin(program: Command): void {
  program
    .command('login')
    .description('save the API URL and token (in ~/.config/sluice/config.json, or $SLUICE_CONFIG)')
    .requiredOption('--url <url>', 'the Sluice API, e.g. http://127.0.0.1:8080')
    .requiredOption('--token <token>', 'an API token (slc_...)')
    .option('--tenant <id>', 'default tenant (default: the only tenant the token can see)')
    .option('--project <id>', 'default project')
    .action(async (options: LoginOptions) => {
      const parsed = userConfigSchema.safeParse({ url: options.url, token: options.token, tenantId: options.tenant ?? null, projectId: options.project ?? null });
      if (!parsed.success) throw new CliError(`invalid ${parsed.error.issues[0]?.path.join('.') ?? 'input'}: ${parsed.error.issues[0]?.message ?? ''}`);
      const client = new ApiClient(parsed.data);
      const tenants = await client.request<Array<{ id: string; slug: string }>>('GET', '/api/v1/tenants');
      let tenantId = parsed.data.tenantId;
      if (tenantId === null && tenants.length === 1) tenantId = tenants[0]?.id ?? null;
      if (tenantId !== null && !tenants.some((t) => t.id === tenantId)) throw new CliError(`tenant ${tenantId} is not visible to this token`);
      const path = userConfigPath();
      writeUserConfig({ ...parsed.data, tenantId }, path);
      process.stdout.write(`logged in to ${parsed.data.url}${tenantId ? ` (tenant ${tenantId})` : ''}; saved ${path}\n`);
    });
}
