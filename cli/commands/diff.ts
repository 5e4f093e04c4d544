import type { Command } from 'commander';
import { formatSchemaVersion } from '../../domain/artifacts/detect';
import { diffVersions, type VersionDiff } from '../../domain/diff/diff';
import { loadArtifacts } from '../artifacts';

function summary(diff: VersionDiff): string {
  const lines = [`${diff.counts.added} added, ${diff.counts.removed} removed, ${diff.counts.modified} modified; ${diff.counts.impacted} node(s) impacted`];
  for (const d of diff.added) lines.push(`  + ${d.uniqueId} (${d.impacted.length} downstream)`);
  for (const d of diff.removed) lines.push(`  - ${d.uniqueId} (${d.impacted.length} downstream)`);
  for (const d of diff.modified) lines.push(`  ~ ${d.uniqueId} [${d.changes.join(', ')}] (${d.impacted.length} downstream)`);
  return `${lines.join('\n')}\n`;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('compare two versions of a dbt project offline: added, removed, modified nodes and their downstream impact')
    .argument('<old>', 'the old manifest.json or artifact folder')
    .argument('<new>', 'the new manifest.json or artifact folder')
    .option('--json', 'print one JSON object')
    .action((oldPath: string, newPath: string, options: { json?: boolean }) => {
      const prev = loadArtifacts(oldPath);
      const next = loadArtifacts(newPath);
      const diff = diffVersions({ manifest: prev.set.manifest, graph: prev.graph }, { manifest: next.set.manifest, graph: next.graph });
      if (!options.json) {
        process.stdout.write(summary(diff));
        return;
      }
      const report = {
        old: { path: prev.files.manifest, schemaVersion: formatSchemaVersion(prev.set.manifest.schemaVersion), dbtVersion: prev.set.manifest.dbtVersion },
        new: { path: next.files.manifest, schemaVersion: formatSchemaVersion(next.set.manifest.schemaVersion), dbtVersion: next.set.manifest.dbtVersion },
        ...diff,
      };
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    });
}
