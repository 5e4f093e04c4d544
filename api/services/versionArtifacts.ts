import { parseArtifactText } from '../../domain/artifacts/detect';
import { parseArtifactSet } from '../../domain/artifacts/set';
import type { ArtifactSet } from '../../domain/artifacts/types';
import { buildLogicalGraph } from '../../domain/graph/build';
import type { LogicalGraph } from '../../domain/graph/types';
import type { BlobStore } from '../../adapters/blobs/types';
import type { ArtifactFileKind, ProjectVersion } from '../../store/types';

/** A stored version's whole artifact set (manifest and whichever of catalog, run_results, sources it has) and its graph. */
export interface VersionArtifacts {
  readonly set: ArtifactSet;
  readonly graph: LogicalGraph;
}

/** Re-reads every file of a stored version from blobs (they were validated at ingestion). */
export async function loadVersionArtifacts(blobs: BlobStore, version: ProjectVersion): Promise<VersionArtifacts> {
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
