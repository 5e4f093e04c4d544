import { parseArtifactText } from '../../domain/artifacts/detect';
import { parseManifest } from '../../domain/artifacts/manifest';
import type { Manifest } from '../../domain/artifacts/types';
import { buildLogicalGraph } from '../../domain/graph/build';
import type { LogicalGraph } from '../../domain/graph/types';
import type { BlobStore } from '../../adapters/blobs/types';
import type { ProjectVersion } from '../../store/types';

/** Re-reads a stored version's manifest from blobs and rebuilds its graph (for diffs). */
export async function loadVersionGraph(blobs: BlobStore, version: ProjectVersion): Promise<{ manifest: Manifest; graph: LogicalGraph }> {
  const file = version.files.find((f) => f.kind === 'manifest');
  const bytes = file ? await blobs.get(file.sha256) : null;
  if (!bytes) throw new Error(`manifest blob of version ${version.id} is missing`);
  const { manifest } = parseManifest(parseArtifactText(bytes.toString('utf8'), 'manifest.json'));
  return { manifest, graph: buildLogicalGraph(manifest, version.projectId) };
}
