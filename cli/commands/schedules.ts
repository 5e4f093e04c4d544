import type { Command } from 'commander';
import { ApiClient } from '../apiClient';
import { CliError } from '../errors';

interface Scope {
  readonly tenant?: string;
  readonly project?: string;
}

interface CreateOptions extends Scope {
  readonly name: string;
  readonly env: string;
  readonly cron?: string;
  readonly every?: string;
  readonly offset?: string;
  readonly tz?: string;
  readonly overlap?: string;
  readonly select?: string;
  readonly exclude?: string;
  readonly selector?: string;
  readonly paused?: boolean;
  readonly json?: boolean;
}

interface ScheduleRow {
  id: string;
  name: string;
  cron: string | null;
  interval: { everySeconds: number; offsetSeconds: number } | null;
  timeZone: string;
  overlap: string;
  select: string | null;
  exclude: string | null;
  selector: string | null;
  paused: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90s`, `15m`, `1h`, `2d` (or plain seconds) as seconds. */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!m) throw new CliError(`${flag} takes a duration such as 90s, 15m, 1h or 1d, not ${text}`);
  return Number(m[1]) * (UNITS[m[2] || 's'] ?? 1);
}

async function environmentId(client: ApiClient, base: string, env: string): Promise<string> {
  if (UUID.test(env)) return env;
  const envs = await client.request<Array<{ id: string; name: string }>>('GET', `${base}/environments`);
  const found = envs.find((e) => e.name === env);
  if (!found) throw new CliError(`no environment named ${env} in this project (have: ${envs.map((e) => e.name).join(', ') || 'none'})`);
  return found.id;
}

/** A schedule by id, or by name among the project's schedules. */
async function scheduleId(client: ApiClient, base: string, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref;
  const found = (await client.request<ScheduleRow[]>('GET', `${base}/schedules`)).find((s) => s.name === ref);
  if (!found) throw new CliError(`no schedule named ${ref} in this project`);
  return found.id;
}

const when = (s: ScheduleRow): string => (s.cron ?? `every ${s.interval?.everySeconds ?? '?'}s`) + ` (${s.timeZone})`;
const what = (s: ScheduleRow): string => s.selector ? `selector:${s.selector}` : [s.select ?? '(default)', s.exclude ? `--exclude ${s.exclude}` : ''].filter(Boolean).join(' ');

function table(rows: readonly ScheduleRow[]): string {
  const cells = rows.map((s) => [s.id, s.name, when(s), s.overlap, s.paused ? 'paused' : 'active', what(s)]);
  const header = ['SCHEDULE', 'NAME', 'WHEN', 'OVERLAP', 'STATE', 'SELECTION'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] as string).length)));
  const line = (c: readonly string[]): string => c.map((v, i) => v.padEnd(widths[i] as number)).join('  ').trimEnd();
  return `${[line(header), ...cells.map(line)].join('\n')}\n`;
}

/** `sluice schedules list|create|pause|unpause|trigger|delete`: Temporal Schedules that plan and run a selection. */
export function registerSchedules(program: Command): void {
  const schedules = program.command('schedules').description('schedules that plan and run a selection on an environment (Temporal Schedules)');
  const scoped = (c: Command): Command => c.option('--tenant <id>', 'tenant (default: from login)').option('--project <id>', 'project (default: from login)');

  scoped(schedules.command('list'))
    .description("list the project's schedules")
    .option('--json', 'print JSON')
    .action(async (options: Scope & { json?: boolean }) => {
      const client = ApiClient.fromConfig();
      const rows = await client.request<ScheduleRow[]>('GET', `${client.projectBase(options)}/schedules`);
      process.stdout.write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : table(rows));
    });

  scoped(schedules.command('create'))
    .description('create a schedule (give --cron or --every)')
    .requiredOption('--name <name>', 'the schedule name (unique in the project)')
    .requiredOption('--env <name|id>', 'the environment its runs plan and run on')
    .option('--cron <expr>', 'cron expression, e.g. "0 3 * * *"')
    .option('--every <duration>', 'interval, e.g. 15m, 1h, 1d')
    .option('--offset <duration>', 'shift of the interval times (default 0)')
    .option('--tz <zone>', 'IANA time zone (default UTC)')
    .option('--overlap <policy>', 'skip | buffer_one | buffer_all | cancel_other | terminate_other | allow_all (default skip)')
    .option('-s, --select <expr>', 'dbt selection expression')
    .option('--exclude <expr>', 'dbt exclusion expression')
    .option('--selector <name>', "a YAML selector of the project's manifest")
    .option('--paused', 'create it paused')
    .option('--json', 'print the schedule as JSON')
    .action(async (options: CreateOptions) => {
      const client = ApiClient.fromConfig();
      const base = client.projectBase(options);
      const body = {
        name: options.name,
        environmentId: await environmentId(client, base, options.env),
        ...(options.cron !== undefined ? { cron: options.cron } : {}),
        ...(options.every !== undefined
          ? { interval: { everySeconds: parseDuration(options.every, '--every'), ...(options.offset ? { offsetSeconds: parseDuration(options.offset, '--offset') } : {}) } }
          : {}),
        ...(options.tz ? { timeZone: options.tz } : {}),
        ...(options.overlap ? { overlap: options.overlap } : {}),
        ...(options.select ? { select: options.select } : {}),
        ...(options.exclude ? { exclude: options.exclude } : {}),
        ...(options.selector ? { selector: options.selector } : {}),
        ...(options.paused ? { paused: true } : {}),
      };
      const created = await client.request<ScheduleRow>('POST', `${base}/schedules`, { json: body });
      process.stdout.write(options.json ? `${JSON.stringify(created, null, 2)}\n` : `schedule ${created.id} created: ${created.name}, ${when(created)}\n`);
    });

  for (const [verb, describe] of [['pause', 'pause a schedule (no action is taken until unpaused)'], ['unpause', 'unpause a schedule']] as const) {
    scoped(schedules.command(verb))
      .description(describe)
      .argument('<schedule>', 'schedule id or name')
      .option('--note <text>', 'why (shown in Temporal)')
      .action(async (ref: string, options: Scope & { note?: string }) => {
        const client = ApiClient.fromConfig();
        const base = client.projectBase(options);
        const id = await scheduleId(client, base, ref);
        await client.request('POST', `${base}/schedules/${id}/${verb}`, { json: options.note ? { note: options.note } : {} });
        process.stdout.write(`schedule ${id} ${verb}d\n`);
      });
  }

  scoped(schedules.command('trigger'))
    .description('take one action now: plan the selection and run it')
    .argument('<schedule>', 'schedule id or name')
    .option('--overlap <policy>', "overlap policy of this action (default: the schedule's)")
    .action(async (ref: string, options: Scope & { overlap?: string }) => {
      const client = ApiClient.fromConfig();
      const base = client.projectBase(options);
      const id = await scheduleId(client, base, ref);
      const r = await client.request<{ overlap: string }>('POST', `${base}/schedules/${id}/trigger`, { json: options.overlap ? { overlap: options.overlap } : {} });
      process.stdout.write(`schedule ${id} triggered (overlap ${r.overlap}); see 'sluice runs'\n`);
    });

  scoped(schedules.command('delete'))
    .description('delete a schedule from Temporal and Sluice (runs it started go on)')
    .argument('<schedule>', 'schedule id or name')
    .action(async (ref: string, options: Scope) => {
      const client = ApiClient.fromConfig();
      const base = client.projectBase(options);
      const id = await scheduleId(client, base, ref);
      await client.request('DELETE', `${base}/schedules/${id}`);
      process.stdout.write(`schedule ${id} deleted\n`);
    });
}
