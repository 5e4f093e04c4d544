import { HttpProblem } from '../problem';
import type { ArtifactFileKind } from '../../store/types';

/** The file names of a dbt `target/` folder that Sluice ingests, by kind. */
export const ARTIFACT_FILE_NAMES: Readonly<Record<string, ArtifactFileKind>> = {
  'manifest.json': 'manifest',
  'catalog.json': 'catalog',
  'run_results.json': 'run_results',
  'sources.json': 'sources',
};

export type ArtifactFiles = Map<ArtifactFileKind, Buffer>;

/** Files uploaded one by one: each must carry one of the artifact file names, at most once. */
export function filesFromUploads(uploads: ReadonlyArray<{ originalname: string; buffer: Buffer }>): ArtifactFiles {
  const files: ArtifactFiles = new Map();
  for (const u of uploads) {
    const base = u.originalname.split(/[\\/]/).pop() ?? '';
    const kind = ARTIFACT_FILE_NAMES[base];
    if (!kind) {
      throw new HttpProblem(400, 'unknown-artifact-file', 'Unknown artifact file', `${base || '(unnamed)'} is not one of ${Object.keys(ARTIFACT_FILE_NAMES).join(', ')}`);
    }
    if (files.has(kind)) throw new HttpProblem(400, 'duplicate-artifact-file', 'Duplicate artifact file', `${base} was sent twice`);
    files.set(kind, u.buffer);
  }
  return files;
}
