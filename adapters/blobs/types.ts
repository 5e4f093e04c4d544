/**
 * Content-addressed blob storage for artifact files and logs: a blob's key is the sha256 of its bytes,
 * so putting the same bytes twice stores one blob.
 */
export interface BlobStore {
  /** Stores `bytes` and returns their sha256 (hex), which is the key to get them back. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes stored under `sha256`, or null when there are none. */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
}

export const isSha256 = (key: string): boolean => /^[0-9a-f]{64}$/.test(key);
