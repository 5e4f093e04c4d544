import type { Command } from 'commander';
import { ApiClient, readEvents } from '../apiClient';

/** One log event as a line: dbt's message when it has one, else the JSON. */
function logLine(data: string): string {
  try {
    const e = JSON.parse(data) as { uniqueId?: string; msg?: string; message?: string; info?: { msg?: string } };
    const msg = e.msg ?? e.message ?? e.info?.msg;
    return msg === undefined ? data : `${e.uniqueId ? `${e.uniqueId}: ` : ''}${msg}`;
  } catch {
    return data;
  }
}

/** `sluice logs RUN_ID [-f]`: the run's dbt logs; -f follows them until the run ends. */
export function registerLogs(program: Command): void {
  program
    .command('logs')
    .description("print a run's dbt logs; -f follows new lines until the run ends")
    .argument('<runId>', 'the run')
    .option('-f, --follow', 'keep following until the run ends')
    .option('--tenant <id>', 'tenant (default: from login)')
    .option('--project <id>', 'project (default: from login)')
    .action(async (runId: string, options: { tenant?: string; project?: string; follow?: boolean }) => {
      const client = ApiClient.fromConfig();
      const res = await client.stream(`${client.projectBase(options)}/runs/${encodeURIComponent(runId)}/logs?follow=${options.follow ? 'true' : 'false'}`);
      await readEvents(res, (e) => {
        if (e.event === 'log') process.stdout.write(`${logLine(e.data)}\n`);
        else if (e.event === 'end' && options.follow) process.stderr.write(`run ${runId} ended: ${(JSON.parse(e.data) as { status: string }).status}\n`);
      });
    });
}
