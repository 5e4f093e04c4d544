import { parseArtifactText } from '../../domain/artifacts/detect';
import { formatSchemaVersion } from '../../domain/artifacts/detect';
import { parseArtifactSet } from '../../domain/artifacts/set';
import { buildLogicalGraph } from '../../domain/graph/build';
import type { BlobStore } from '../../adapters/blobs/types';
import type { Store } from '../../store/db';
import { createProjectVersion } from '../../store/operations/versions/createProjectVersion';
import { getProject } from '../../store/operations/projects/getProject';
import type { ProjectVersion, VersionFile } from '../../store/types';
import { sha256Hex } from '../../adapters/blobs/sha256';
import { HttpProblem } from '../problem';
import type { ArtifactFiles } from './artifactFiles';

/**
 * Ingests one artifact set into a project: reads and validates every file first (a bad file throws
 * an ArtifactError and nothing is stored), then stores the files as blobs and the version with its
 * graph. The same files again return the existing version (`created: false`).
 */
export async function ingestVersion(args: {
  store: Store;
  blobs: BlobStore;
  tenantId: string;
  projectId: string;
  files: ArtifactFiles;
  gitSha: string | null;
}): Promise<{ version: ProjectVersion; created: boolean; warnings: number }> {
  const { store, blobs, tenantId, projectId, files } = args;
  await getProject({ db: store.db, tenantId, id: projectId });
  const manifestBytes = files.get('manifest');
  if (!manifestBytes) throw new HttpProblem(400, 'missing-manifest', 'Missing manifest', 'an artifact upload needs manifest.json');
  const read = (kind: 'catalog' | 'run_results' | 'sources'): unknown => {
    const bytes = files.get(kind);
    return bytes === undefined ? undefined : parseArtifactText(bytes.toString('utf8'), `${kind}.json`);
  };
  const { set, warnings } = parseArtifactSet({
    manifest: parseArtifactText(manifestBytes.toString('utf8'), 'manifest.json'),
    catalog: read('catalog'),
    runResults: read('run_results'),
    sources: read('sources'),
  });
  const graph = buildLogicalGraph(set.manifest, projectId);
  const stored: VersionFile[] = [];
  for (const [kind, bytes] of files) {
    const sha256 = await blobs.put(bytes);
    if (sha256 !== sha256Hex(bytes)) throw new Error('blob store returned a key that is not the content hash');
    stored.push({ kind, sha256, size: bytes.byteLength });
  }
  const { version, created } = await createProjectVersion({
    db: store.db,
    version: {
      tenantId,
      projectId,
      files: stored,
      gitSha: args.gitSha,
      dbtVersion: set.manifest.dbtVersion,
      manifestSchema: formatSchemaVersion(set.manifest.schemaVersion),
      nodes: graph.nodes.values(),
      edges: graph.edges,
    },
  });
  return { version, created, warnings: warnings.length };
}
