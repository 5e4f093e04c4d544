import type { Manifest } from '../../domain/artifacts/types';
import type { LogicalGraph } from '../../domain/graph/types';
import type { BlobStore } from '../../adapters/blobs/types';
import type { ProjectVersion } from '../../store/types';
import { loadVersionArtifacts, type VersionArtifactsCache } from './versionArtifacts';

/** A stored version's manifest and graph (for diffs); the same cached parse plans and estimates use. */
export async function loadVersionGraph(blobs: BlobStore, version: ProjectVersion, cache?: VersionArtifactsCache): Promise<{ manifest: Manifest; graph: LogicalGraph }> {
  const { set, graph } = await loadVersionArtifacts(blobs, version, cache);
  return { manifest: set.manifest, graph };
}
