import type { Command } from 'commander';
import { ApiClient } from '../apiClient';

interface RunsOptions {
  readonly tenant?: string;
  readonly project?: string;
  readonly status?: string;
  readonly env?: string;
  readonly plan?: string;
  readonly limit?: string;
  readonly since?: string;
  readonly until?: string;
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

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A point in time for --since/--until: a duration back from `now` (`30m`, `24h`, `7d`) as an ISO
 * instant, or anything else as given (an ISO 8601 date-time, which the API checks).
 */
export function instantFrom(value: string, now: number): string {
  const ago = /^(\d+)([mhd])$/.exec(value.trim());
  return ago ? new Date(now - Number(ago[1]) * (UNIT_MS[ago[2] as string] as number)).toISOString() : value;
}

/** `sluice runs`: the project's recent runs, newest first. */
export function registerRuns(program: Command): void {
  program
    .command('runs')
    .description("list the project's runs, newest first")
    .option('--status <status>', 'only runs in this status')
    .option('--env <id>', 'only runs of this environment')
    .option('--plan <id>', 'only runs of this plan')
    .option('--since <when>', 'only runs created since: a duration back from now (30m, 24h, 7d) or an ISO 8601 date-time')
    .option('--until <when>', 'only runs created before: a duration back from now or an ISO 8601 date-time')
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
      if (options.since) q.set('createdAfter', instantFrom(options.since, Date.now()));
      if (options.until) q.set('createdBefore', instantFrom(options.until, Date.now()));
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
