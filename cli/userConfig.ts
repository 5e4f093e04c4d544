import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { CliError } from './errors';

/** What `sluice login` saves: the API and a token, and the default tenant and project. */
export const userConfigSchema = z.object({
  url: z.url(),
  token: z.string().min(1),
  tenantId: z.uuid().nullable().default(null),
  projectId: z.uuid().nullable().default(null),
});

export type UserConfig = z.output<typeof userConfigSchema>;

/** `SLUICE_CONFIG`, else ~/.config/sluice/config.json. */
export function userConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.SLUICE_CONFIG && env.SLUICE_CONFIG.trim() !== '' ? env.SLUICE_CONFIG : join(homedir(), '.config', 'sluice', 'config.json');
}

export function readUserConfig(path = userConfigPath()): UserConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`not logged in: run \`sluice login --url URL --token TOKEN\` (no ${path})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not valid JSON: run \`sluice login\` again`);
  }
  const parsed = userConfigSchema.safeParse(json);
  if (!parsed.success) throw new CliError(`${path} is not a Sluice config (${parsed.error.issues[0]?.path.join('.') ?? 'root'}): run \`sluice login\` again`);
  return parsed.data;
}

/** Writes the config readable by its owner only (it holds a token). */
export function writeUserConfig(config: UserConfig, path = userConfigPath()): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}
