import type { Command } from 'commander';
import { ApiClient } from '../apiClient';

interface RunsOptions {
  readonly tenant?: string;
  readonly project?: string;
  readonly status?: string;
  readonly env?: string;
  readonly plan?: string;
  readonly limit?: string;
  readonly json?: boolean;
}

interface RunRow {
  id: string;
  status: string;
  environmentId: string;
  planId: string;
  requestedBy: string;
  createdAt: string;
}

/** `sluice runs`: the project's recent runs, newest first. */
export function registerRuns(program: Command): void {
  program
    .command('runs')
    .description("list the project's runs, newest first")
    .option('--status <status>', 'only runs in this status')
    .option('--env <id>', 'only runs of this environment')
    .option('--plan <id>', 'only runs of this plan')
    .option('--limit <n>', 'at most this many (default 50)')
    .option('--json', 'print JSON')
    .option('--tenant <id>', 'tenant (default: from login)')
    .option('--project <id>', 'project (default: from login)')
    .action(async (options: RunsOptions) => {
      const client = ApiClient.fromConfig();
      const q = new URLSearchParams();
      if (options.status) q.set('status', options.status);
      if (options.env) q.set('environmentId', options.env);
      if (options.plan) q.set('planId', options.plan);
      if (options.limit) q.set('limit', options.limit);
      const runs = await client.request<RunRow[]>('GET', `${client.projectBase(options)}/runs${q.size > 0 ? `?${q.toString()}` : ''}`);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
        return;
      }
      const rows = runs.map((r) => [r.id, r.status, r.createdAt, r.requestedBy]);
      const header = ['RUN', 'STATUS', 'CREATED', 'BY'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
      const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
      process.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n`);
    });
}
