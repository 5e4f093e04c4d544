import type { ProjectVersion } from '../../store/types';

/** How much parsed version data one API process keeps; whichever limit is reached first evicts. */
export interface VersionCacheOptions {
  /** Most versions kept. */
  readonly maxEntries: number;
  /** Most bytes of source JSON (the sum of the versions' blob sizes) kept; parsed objects take a few times this. */
  readonly maxBytes: number;
}

/**
 * Parsed artifacts of stored versions, least recently used first out. Versions are content-addressed
 * and immutable, so a parse never goes stale. The value is read-only: every caller shares it.
 */
export interface VersionCache<T> {
  /**
   * The cached value of `version`, or `load()`'s. Concurrent callers share one load; a rejected load
   * is dropped, so the next call loads again.
   */
  get(version: ProjectVersion, load: () => Promise<T>): Promise<T>;
  /** Versions held (loading or loaded). */
  readonly size: number;
}

interface Entry<T> {
  readonly value: Promise<T>;
  readonly bytes: number;
}

export function createVersionCache<T>(options: VersionCacheOptions): VersionCache<T> {
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the least recently used.
  const entries = new Map<string, Entry<T>>();
  let bytes = 0;

  const drop = (key: string, entry: Entry<T>): void => {
    if (entries.get(key) !== entry) return; // already evicted (and maybe replaced)
    entries.delete(key);
    bytes -= entry.bytes;
  };

  const evictFor = (newest: string): void => {
    for (const [key, entry] of entries) {
      if (entries.size <= options.maxEntries && bytes <= options.maxBytes) return;
      // The newest entry stays even alone over the byte budget, so a huge version is still parsed once.
      if (key !== newest) drop(key, entry);
    }
  };

  return {
    get(version, load) {
      // The tenant is part of the key: a value is only ever returned to the tenant that owns the version.
      const key = `${version.tenantId}\u0000${version.id}\u0000${version.contentSha256}`;
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit.value;
      }
      // Through a promise constructor, so a load that throws before its first await is a rejection too.
      const entry: Entry<T> = { value: new Promise<T>((resolve) => resolve(load())), bytes: version.files.reduce((sum, f) => sum + f.size, 0) };
      entries.set(key, entry);
      bytes += entry.bytes;
      evictFor(key);
      entry.value.catch(() => drop(key, entry));
      return entry.value;
    },
    get size() {
      return entries.size;
    },
  };
}
