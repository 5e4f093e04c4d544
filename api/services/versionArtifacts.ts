import { parseArtifactText } from '../../domain/artifacts/detect';
import { parseArtifactSet } from '../../domain/artifacts/set';
import type { ArtifactSet } from '../../domain/artifacts/types';
import { buildLogicalGraph } from '../../domain/graph/build';
import type { LogicalGraph } from '../../domain/graph/types';
import type { BlobStore } from '../../adapters/blobs/types';
import type { ArtifactFileKind, ProjectVersion } from '../../store/types';
import type { VersionCache } from './versionCache';

/** A stored version's whole artifact set (manifest and whichever of catalog, run_results, sources it has) and its graph. */
export interface VersionArtifacts {
  readonly set: ArtifactSet;
  readonly graph: LogicalGraph;
}

/** The API process's parsed versions (api/deps.ts). */
export type VersionArtifactsCache = VersionCache<VersionArtifacts>;

/**
 * A stored version's parsed files: from `cache` when given (one parse per version per process),
 * otherwise read again from blobs.
 */
export function loadVersionArtifacts(blobs: BlobStore, version: ProjectVersion, cache?: VersionArtifactsCache): Promise<VersionArtifacts> {
  return cache ? cache.get(version, () => readVersionArtifacts(blobs, version)) : readVersionArtifacts(blobs, version);
}

/** Re-reads every file of a stored version from blobs (they were validated at ingestion). */
async function readVersionArtifacts(blobs: BlobStore, version: ProjectVersion): Promise<VersionArtifacts> {
  const read = async (kind: ArtifactFileKind): Promise<unknown> => {
    const file = version.files.find((f) => f.kind === kind);
    if (!file) return undefined;
    const bytes = await blobs.get(file.sha256);
    if (!bytes) throw new Error(`${kind} blob of version ${version.id} is missing`);
    return parseArtifactText(bytes.toString('utf8'), `${kind}.json`);
  };
  const { set } = parseArtifactSet({
    manifest: await read('manifest'),
    catalog: await read('catalog'),
    runResults: await read('run_results'),
    sources: await read('sources'),
  });
  return { set, graph: buildLogicalGraph(set.manifest, version.projectId) };
}
