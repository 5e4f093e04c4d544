import { parseCatalog } from './catalog';
import { parseManifest } from './manifest';
import { parseRunResults } from './run-results';
import { parseSources } from './sources';
import type { ArtifactSet, ArtifactWarning } from './types';

export interface RawArtifactSet {
  readonly manifest: unknown;
  readonly catalog?: unknown;
  readonly runResults?: unknown;
  readonly sources?: unknown;
}

/**
 * Reads a whole artifact set. All or nothing: the first bad file throws its `ArtifactError`.
 * Results and catalog entries that name nodes absent from the manifest become warnings.
 */
export function parseArtifactSet(raw: RawArtifactSet): { set: ArtifactSet; warnings: readonly ArtifactWarning[] } {
  const { manifest } = parseManifest(raw.manifest);
  const catalog = raw.catalog === undefined ? null : parseCatalog(raw.catalog).catalog;
  const runResults = raw.runResults === undefined ? null : parseRunResults(raw.runResults).runResults;
  const sources = raw.sources === undefined ? null : parseSources(raw.sources).sources;
  const warnings: ArtifactWarning[] = [...manifest.warnings];
  const disabledIds = new Set(manifest.disabled.map((d) => d.uniqueId));
  const known = (id: string): boolean => manifest.nodes.has(id) || disabledIds.has(id);
  const unknownIds = (artifact: string, ids: Iterable<string>, field: string): void => {
    for (const id of ids) {
      if (!known(id)) warnings.push({ code: 'unknown_node', message: `${artifact}: ${id} is not a node of the manifest`, nodeId: id, field });
    }
  };
  if (catalog) unknownIds('catalog', catalog.entries.keys(), 'unique_id');
  if (runResults) unknownIds('run_results', runResults.results.map((r) => r.uniqueId), 'results.unique_id');
  if (sources) unknownIds('sources', sources.results.map((r) => r.uniqueId), 'results.unique_id');
  return { set: { manifest, catalog, runResults, sources }, warnings };
}
