import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from './sha256';
import { isSha256, type BlobStore } from './types';

/** Blobs as files under `root`, fanned out by the first two hex digits (`ab/abcdef...`). */
export function createFsBlobStore({ root }: { root: string }): BlobStore {
  const pathOf = (key: string): string => {
    if (!isSha256(key)) throw new Error(`not a sha256 key: ${key}`);
    return join(root, key.slice(0, 2), key);
  };
  return {
    async put(bytes) {
      const key = sha256Hex(bytes);
      const target = pathOf(key);
      await mkdir(join(root, key.slice(0, 2)), { recursive: true });
      // Write then rename, so a reader never sees a half-written blob.
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, target);
      return key;
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async has(key) {
      try {
        await stat(pathOf(key));
        return true;
      } catch {
        return false;
      }
    },
  };
}
