import type { Command } from 'commander';
import { ApiClient } from '../apiClient';
import { CliError } from '../errors';

interface RunOptions {
  readonly tenant?: string;
  readonly project?: string;
  readonly wait?: boolean;
  readonly failFast?: boolean;
  readonly concurrency?: string;
  readonly json?: boolean;
}

interface RunRow {
  id: string;
  status: string;
  workflowId: string;
}

interface RunDetail {
  run: RunRow;
  temporalUrl: string | null;
  live: { lifecycle: string; reason: string | null; total: number; counts: Record<string, number> } | null;
}

const TERMINAL = new Set(['success', 'warning', 'failed', 'canceled']);
const DONE_STATES = ['success', 'warning', 'failed', 'skipped', 'upstream_failed', 'not_run', 'interrupted'];

/** `[#######.............]  7/20 nodes, 2 running, 1 failed  running` (no package: a few characters). */
export function progressLine(d: RunDetail, width = 24): string {
  const total = d.live?.total ?? 0;
  const counts = d.live?.counts ?? {};
  const done = DONE_STATES.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  const extra = [(counts.running ?? 0) > 0 ? `${counts.running} running` : '', (counts.failed ?? 0) > 0 ? `${counts.failed} failed` : ''].filter(Boolean).join(', ');
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} nodes${extra ? `, ${extra}` : ''}  ${d.live?.lifecycle ?? d.run.status}`;
}

/** Polls the run until it ends: a redrawn bar on a terminal, one line per change otherwise. */
async function waitForRun(client: ApiClient, path: string, tty: boolean): Promise<RunDetail> {
  let last = '';
  for (;;) {
    const d = await client.request<RunDetail>('GET', path);
    const line = progressLine(d);
    if (line !== last) {
      process.stdout.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
      last = line;
    }
    if (TERMINAL.has(d.run.status)) {
      if (tty) process.stdout.write('\n');
      return d;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** `sluice run PLAN_ID [--wait]`: starts a run of a stored plan (once, even if the call is retried). */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('start a run of a stored plan on Temporal; --wait follows it to the end (exit 1 unless it succeeds)')
    .argument('<planId>', 'a plan from `sluice plans create`')
    .option('--wait', 'wait for the run to end, showing progress')
    .option('--fail-fast', 'stop everything at the first failure')
    .option('--concurrency <n>', "override the plan's concurrency")
    .option('--json', 'print the run as JSON')
    .option('--tenant <id>', 'tenant (default: from login)')
    .option('--project <id>', 'project (default: from login)')
    .action(async (planId: string, options: RunOptions) => {
      const client = ApiClient.fromConfig();
      const base = client.projectBase(options);
      const concurrency = options.concurrency === undefined ? undefined : Number(options.concurrency);
      if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) throw new CliError(`--concurrency must be a whole number ≥ 1 (got "${options.concurrency}")`);
      const json = { planId, ...(options.failFast ? { failFast: true } : {}), ...(concurrency !== undefined ? { concurrency } : {}) };
      const { run } = await client.request<{ run: RunRow; created: boolean }>('POST', `${base}/runs`, { json, idempotent: true });
      if (!options.wait) {
        process.stdout.write(options.json ? `${JSON.stringify(run, null, 2)}\n` : `run ${run.id} started (${run.workflowId})\n`);
        return;
      }
      if (!options.json) process.stdout.write(`run ${run.id} started (${run.workflowId})\n`);
      const d = await waitForRun(client, `${base}/runs/${run.id}`, process.stdout.isTTY === true && !options.json);
      if (options.json) process.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
      else process.stdout.write(`run ${run.id} ${d.run.status}${d.live?.reason ? `: ${d.live.reason}` : ''}${d.temporalUrl ? `\n${d.temporalUrl}` : ''}\n`);
      if (d.run.status !== 'success' && d.run.status !== 'warning') process.exitCode = 1;
    });
}
