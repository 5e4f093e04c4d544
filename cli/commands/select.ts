import type { Command } from 'commander';
import type { NodeKind } from '../../domain/artifacts/types';
import { InputError } from '../../domain/errors';
import {
  INDIRECT_SELECTIONS,
  LS_ALL_RESOURCE_TYPES,
  LS_DEFAULT_RESOURCE_TYPES,
  selectNodes,
  type IndirectSelection,
} from '../../domain/selectors';
import { loadArtifacts } from '../artifacts';
import { CliError } from '../errors';

interface SelectOptions {
  select?: string[];
  exclude?: string[];
  selector?: string;
  state?: string;
  resourceType?: string[];
  excludeResourceType?: string[];
  indirectSelection?: string;
  json?: boolean;
}

const KINDS: ReadonlySet<string> = new Set<string>([...LS_ALL_RESOURCE_TYPES, 'operation', 'sql_operation']);

/** dbt ls's `--resource-type` rules: default set when none, `all` and `default` expand. */
export function resourceTypesFrom(include: readonly string[] | undefined, exclude: readonly string[] | undefined): NodeKind[] {
  const chosen = new Set<string>();
  for (const name of include && include.length > 0 ? include : ['default']) {
    if (name === 'all') LS_ALL_RESOURCE_TYPES.forEach((kind) => chosen.add(kind));
    else if (name === 'default') LS_DEFAULT_RESOURCE_TYPES.forEach((kind) => chosen.add(kind));
    else if (KINDS.has(name)) chosen.add(name);
    else throw new CliError(`unknown resource type "${name}" (expected all, default or one of ${[...KINDS].join(', ')})`);
  }
  for (const name of exclude ?? []) chosen.delete(name);
  return [...chosen] as NodeKind[];
}

function indirectFrom(value: string | undefined): IndirectSelection {
  if (value === undefined) return 'eager';
  const found = INDIRECT_SELECTIONS.find((mode) => mode === value);
  if (!found) throw new CliError(`unknown --indirect-selection "${value}" (expected ${INDIRECT_SELECTIONS.join(', ')})`);
  return found;
}

export function registerSelect(program: Command): void {
  program
    .command('select')
    .description('list the nodes a dbt selection picks, offline, as `dbt ls` does (sorted unique_ids)')
    .argument('<path>', 'manifest.json, or a folder holding it (its sources.json is the current freshness)')
    .option('-s, --select <expr...>', 'dbt selection expressions (union by space, intersection by comma)')
    .option('--exclude <expr...>', 'expressions to exclude')
    .option('--selector <name>', 'a YAML selector of the project (selectors.yml)')
    .option('--state <path>', 'folder or manifest.json of the previous state (with run_results.json, sources.json)')
    .option('--resource-type <type...>', 'keep only these resource types (all, default, model, test, ...); default as dbt ls')
    .option('--exclude-resource-type <type...>', 'drop these resource types')
    .option('--indirect-selection <mode>', 'how tests of selected nodes are picked: eager, cautious, buildable, empty')
    .option('--json', 'print one JSON array')
    .action((input: string, options: SelectOptions) => {
      const resourceTypes = resourceTypesFrom(options.resourceType, options.excludeResourceType);
      const indirectSelection = indirectFrom(options.indirectSelection);
      const current = loadArtifacts(input);
      const previous = options.state === undefined ? null : loadArtifacts(options.state);
      let ids: string[];
      try {
        ids = selectNodes({
          graph: current.graph,
          manifest: current.set.manifest,
          select: options.select,
          exclude: options.exclude,
          selector: options.selector,
          indirectSelection,
          resourceTypes,
          state: {
            previousManifest: previous?.set.manifest ?? null,
            previousRunResults: previous?.set.runResults ?? null,
            previousSources: previous?.set.sources ?? null,
            currentSources: current.set.sources,
          },
        });
      } catch (err) {
        if (err instanceof InputError) throw new CliError(err.message);
        throw err;
      }
      process.stdout.write(options.json ? `${JSON.stringify(ids)}\n` : ids.map((id) => `${id}\n`).join(''));
    });
}
