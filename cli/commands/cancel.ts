import type { Command } from 'commander';
import { ApiClient } from '../apiClient';

/** `sluice cancel RUN_ID`: Temporal cancels the run; running dbt nodes are interrupted. */
export function registerCancel(program: Command): void {
  program
    .command('cancel')
    .description('cancel a run (running nodes are interrupted, the rest never run)')
    .argument('<runId>', 'the run')
    .option('--reason <text>', 'why (kept in the audit log)')
    .option('--tenant <id>', 'tenant (default: from login)')
    .option('--project <id>', 'project (default: from login)')
    .action(async (runId: string, options: { tenant?: string; project?: string; reason?: string }) => {
      const client = ApiClient.fromConfig();
      await client.request('POST', `${client.projectBase(options)}/runs/${encodeURIComponent(runId)}/cancel`, { json: options.reason ? { reason: options.reason } : {} });
      process.stdout.write(`run ${runId}: cancel requested\n`);
    });
}
