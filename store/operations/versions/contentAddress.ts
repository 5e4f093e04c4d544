import { createHash } from 'node:crypto';
import type { VersionFile } from '../../types';

/**
 * The content address of an artifact set: sha256 over its files' (kind, sha256) sorted by kind, so
 * the same files give the same address whatever order they were uploaded in.
 */
export function contentAddress(files: readonly VersionFile[]): string {
  const lines = [...files].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)).map((f) => `${f.kind}:${f.sha256}\n`);
  return createHash('sha256').update(lines.join(''), 'utf8').digest('hex');
}
