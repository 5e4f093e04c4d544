import type { Command } from 'commander';
import { countManifest } from '../../domain/artifacts/counts';
import { formatSchemaVersion } from '../../domain/artifacts/detect';
import { loadArtifacts, type LoadedArtifacts } from '../artifacts';

/** The `sluice inspect --json` document: what a set of artifacts holds. */
export function inspectReport(loaded: LoadedArtifacts): Record<string, unknown> {
  const { manifest, catalog, runResults, sources } = loaded.set;
  return {
    path: loaded.files.manifest,
    schemaVersion: formatSchemaVersion(manifest.schemaVersion),
    dbtVersion: manifest.dbtVersion,
    projectName: manifest.projectName,
    adapterType: manifest.adapterType,
    generatedAt: manifest.generatedAt,
    counts: { ...countManifest(manifest), edges: loaded.graph.edges.length },
    catalog: catalog ? { schemaVersion: formatSchemaVersion(catalog.schemaVersion), entries: catalog.entries.size } : null,
    runResults: runResults ? { schemaVersion: formatSchemaVersion(runResults.schemaVersion), results: runResults.results.length } : null,
    sources: sources ? { schemaVersion: formatSchemaVersion(sources.schemaVersion), results: sources.results.length } : null,
    warnings: loaded.warnings,
  };
}

function summary(loaded: LoadedArtifacts): string {
  const { manifest } = loaded.set;
  const counts = countManifest(manifest);
  const parts = Object.entries(counts)
    .filter(([key, value]) => value > 0 && key !== 'nodes')
    .map(([key, value]) => `${value} ${key}`);
  const lines = [
    `${loaded.files.manifest}: ${formatSchemaVersion(manifest.schemaVersion)}, dbt ${manifest.dbtVersion ?? 'unknown'}${manifest.projectName ? `, project ${manifest.projectName}` : ''}`,
    `${counts.nodes} nodes, ${loaded.graph.edges.length} edges: ${parts.join(', ') || 'empty'}`,
  ];
  for (const [label, artifact] of [['catalog', loaded.set.catalog], ['run_results', loaded.set.runResults], ['sources', loaded.set.sources]] as const) {
    if (artifact) lines.push(`${label}: ${formatSchemaVersion(artifact.schemaVersion)}`);
  }
  lines.push(`${loaded.warnings.length} warning(s)`);
  for (const w of loaded.warnings.slice(0, 20)) lines.push(`  warning: ${w.message}`);
  if (loaded.warnings.length > 20) lines.push(`  … ${loaded.warnings.length - 20} more (use --json)`);
  return `${lines.join('\n')}\n`;
}

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('read dbt artifacts offline (a manifest.json or a folder of artifacts) and summarize them')
    .argument('<path>', 'manifest.json, or a folder holding manifest.json and optionally catalog/run_results/sources')
    .option('--json', 'print one JSON object')
    .action((input: string, options: { json?: boolean }) => {
      const loaded = loadArtifacts(input);
      process.stdout.write(options.json ? `${JSON.stringify(inspectReport(loaded), null, 2)}\n` : summary(loaded));
    });
}
