import { join, resolve } from 'node:path';
import { z } from 'zod';

/** The repository root: bin/sluice.js runs the sources from here. */
export const repoRoot = resolve(__dirname, '..');

const port = z.coerce.number().int().min(1).max(65535);

/**
 * `sluice dev` settings, from the environment. Every variable is optional; the defaults give a
 * working Sluice on this machine with nothing else installed by hand.
 */
export const devConfigSchema = z.object({
  /** SLUICE_DATA_DIR: where the embedded default keeps its state (Temporal's SQLite file, ...). */
  dataDir: z.string().default(join(repoRoot, '.sluice', 'dev')),
  /** SLUICE_HOST: the loopback address every dev server listens on. */
  host: z.string().default('127.0.0.1'),
  /** SLUICE_API_PORT: the API and UI. */
  apiPort: port.default(8580),
  /** SLUICE_TEMPORAL_PORT / SLUICE_TEMPORAL_UI_PORT: the Temporal dev server and its Web UI. */
  temporalPort: port.default(7233),
  temporalUiPort: port.default(8233),
  /** SLUICE_TEMPORAL_CLI: the Temporal CLI binary that scripts/install.sh puts in .tools/bin. */
  temporalCli: z.string().default(join(repoRoot, '.tools', 'bin', 'temporal')),
  /** SLUICE_DBT: the dbt executable of the project's virtualenv. */
  dbtExecutable: z.string().default(join(repoRoot, '.venv', 'bin', 'dbt')),
});

export type DevConfig = z.infer<typeof devConfigSchema>;

/** Parses the dev settings; a bad value stops the start with a message naming the variable. */
export function loadDevConfig(env: NodeJS.ProcessEnv): DevConfig {
  const parsed = devConfigSchema.safeParse({
    dataDir: env.SLUICE_DATA_DIR || undefined,
    host: env.SLUICE_HOST || undefined,
    apiPort: env.SLUICE_API_PORT || undefined,
    temporalPort: env.SLUICE_TEMPORAL_PORT || undefined,
    temporalUiPort: env.SLUICE_TEMPORAL_UI_PORT || undefined,
    temporalCli: env.SLUICE_TEMPORAL_CLI || undefined,
    dbtExecutable: env.SLUICE_DBT || undefined,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const variable = issue ? envName(String(issue.path[0])) : 'SLUICE_*';
  throw new Error(`invalid setting ${variable}: ${issue?.message ?? 'bad value'}`);
}

function envName(key: string): string {
  const names: Record<string, string> = {
    dataDir: 'SLUICE_DATA_DIR', host: 'SLUICE_HOST', apiPort: 'SLUICE_API_PORT',
    temporalPort: 'SLUICE_TEMPORAL_PORT', temporalUiPort: 'SLUICE_TEMPORAL_UI_PORT',
    temporalCli: 'SLUICE_TEMPORAL_CLI', dbtExecutable: 'SLUICE_DBT',
  };
  return names[key] ?? key;
}
