import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './config';

const run = promisify(execFile);

/**
 * Prepares the example project for `sluice dev`: copies examples/jaffle_shop into the data folder
 * (its DuckDB file and target/ stay there, out of the clone's sources) and parses it with dbt, so
 * that target/manifest.json can be ingested. Returns the target folder. When the sources are the
 * same as at the last parse, the existing artifacts are kept: a new parse would differ only in
 * its timestamps and would make a new project version at every start.
 */
export async function prepareDemoProject(options: { dataDir: string; dbtExecutable: string }): Promise<{ projectDir: string; artifactsDir: string }> {
  const source = join(repoRoot, 'examples', 'jaffle_shop');
  const projectDir = join(options.dataDir, 'projects', 'jaffle_shop');
  const artifactsDir = join(projectDir, 'target');
  const stamp = join(artifactsDir, '.sluice-sources');
  const fingerprint = sourcesFingerprint(source);
  if (existsSync(join(artifactsDir, 'manifest.json')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint) {
    return { projectDir, artifactsDir };
  }
  mkdirSync(projectDir, { recursive: true });
  cpSync(source, projectDir, { recursive: true, force: true, filter: (src) => !isGenerated(src) });
  await run(options.dbtExecutable, ['parse', '--project-dir', projectDir, '--profiles-dir', projectDir, '--target-path', artifactsDir], {
    cwd: projectDir,
    env: { ...process.env, DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', SLUICE_DUCKDB_PATH: join(projectDir, 'jaffle_shop.duckdb') },
    timeout: 120_000,
  });
  writeFileSync(stamp, fingerprint);
  return { projectDir, artifactsDir };
}

function isGenerated(path: string): boolean {
  return /[\\/](target|logs|dbt_packages)$|\.duckdb(\.wal)?$|\.user\.yml$/.test(path);
}

/** sha256 over the project's source files (names and contents), in a stable order. */
function sourcesFingerprint(dir: string): string {
  const hash = createHash('sha256');
  const visit = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(current, entry.name);
      if (isGenerated(path)) continue;
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) hash.update(relative(dir, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  visit(dir);
  return hash.digest('hex');
}
