import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { ApiClient } from '../apiClient';
import { CliError } from '../errors';

const NAMES = ['manifest.json', 'catalog.json', 'run_results.json', 'sources.json'];

interface IngestOptions {
  readonly tenant?: string;
  readonly project?: string;
  readonly gitSha?: string;
  readonly json?: boolean;
}

/** The artifact files of PATH: a manifest.json, or a folder holding them (directly or in target/). */
function artifactFiles(path: string): string[] {
  if (!existsSync(path)) throw new CliError(`no such file or folder: ${path}`);
  if (!statSync(path).isDirectory()) return [path];
  const folder = existsSync(join(path, 'manifest.json')) ? path : join(path, 'target');
  const files = NAMES.map((n) => join(folder, n)).filter((f) => existsSync(f));
  if (!files.some((f) => basename(f) === 'manifest.json')) throw new CliError(`${path} holds no manifest.json (looked in the folder and in target/)`);
  return files;
}

/** `sluice ingest PATH`: uploads a folder's dbt artifacts as a new project version. */
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('upload the dbt artifacts of PATH (manifest.json and its siblings, or a target/ folder) as a project version')
    .argument('<path>', 'a folder with manifest.json (or its target/), or a manifest.json')
    .option('--tenant <id>', 'tenant (default: from login)')
    .option('--project <id>', 'project (default: from login)')
    .option('--git-sha <sha>', 'the git commit the artifacts were built from')
    .option('--json', 'print the API answer as JSON')
    .action(async (path: string, options: IngestOptions) => {
      const client = ApiClient.fromConfig();
      const base = client.projectBase(options);
      const form = new FormData();
      const files = artifactFiles(path);
      for (const f of files) form.append('files', new Blob([readFileSync(f)]), basename(f));
      if (options.gitSha) form.append('gitSha', options.gitSha);
      const result = await client.request<{ version: { id: string; nodeCount: number; edgeCount: number }; created: boolean; warnings: number }>('POST', `${base}/versions`, { form });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const v = result.version;
      process.stdout.write(`${result.created ? 'ingested' : 'already ingested'} version ${v.id}: ${v.nodeCount} nodes, ${v.edgeCount} edges, ${files.length} file(s), ${result.warnings} warning(s)\n`);
    });
}
