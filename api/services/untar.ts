import { Parser, type ReadEntry } from 'tar';
import { HttpProblem } from '../problem';
import type { ArtifactFileKind } from '../../store/types';
import { ARTIFACT_FILE_NAMES, type ArtifactFiles } from './artifactFiles';

/**
 * Reads the artifact files out of a tar.gz of a dbt `target/` folder (or of a project containing
 * one). Other entries are skipped unread. When a name occurs more than once the shallowest path wins.
 * Each kept file, and their total, is limited to `maxBytes` (a compressed archive can expand a lot).
 */
export function filesFromTarGz(archive: Buffer, maxBytes: number): Promise<ArtifactFiles> {
  return new Promise((resolve, reject) => {
    const found = new Map<ArtifactFileKind, { depth: number; data: Buffer }>();
    let total = 0;
    let failed = false;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      reject(err instanceof HttpProblem ? err : new HttpProblem(400, 'invalid-archive', 'Invalid archive', 'the upload is not a readable tar.gz archive'));
    };
    const parser = new Parser({ strict: true });
    parser.on('entry', (entry: ReadEntry) => {
      const parts = entry.path.split('/').filter((p) => p !== '' && p !== '.');
      const base = parts[parts.length - 1] ?? '';
      const kind = ARTIFACT_FILE_NAMES[base];
      const depth = parts.length;
      const prior = kind ? found.get(kind) : undefined;
      if (entry.type !== 'File' || !kind || (prior && prior.depth <= depth)) {
        entry.resume();
        return;
      }
      if (entry.size > maxBytes || total + entry.size > maxBytes) {
        entry.resume();
        fail(new HttpProblem(413, 'payload-too-large', 'Payload too large', `${entry.path} expands beyond the ${maxBytes}-byte limit`));
        return;
      }
      total += entry.size;
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => found.set(kind, { depth, data: Buffer.concat(chunks) }));
    });
    parser.on('error', fail);
    parser.on('warn', (code: string) => {
      if (code === 'TAR_BAD_ARCHIVE' || code === 'TAR_ABORT') fail(new Error(code));
    });
    parser.on('end', () => {
      if (failed) return;
      const files: ArtifactFiles = new Map();
      for (const [kind, f] of found) files.set(kind, f.data);
      resolve(files);
    });
    parser.end(archive);
  });
}
