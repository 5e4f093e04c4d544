import { sha1, toHex } from './sha1';
import { utf8Encode } from './utf8';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 9562 namespace for URLs; kept for tests that compare with other implementations. */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * Sluice's root namespace: UUIDv5(URL_NAMESPACE, "https://sluice.dev/ns/project"). Every project's
 * node namespace is derived from it, so node uuids never collide with other UUIDv5 users.
 */
export const SLUICE_PROJECT_NAMESPACE = '66212bee-01cc-570b-bc09-093951145fe6';

function uuidToBytes(uuid: string): Uint8Array {
  if (!UUID_PATTERN.test(uuid)) throw new Error(`not a UUID: ${JSON.stringify(uuid)}`);
  const hex = uuid.replace(/-/g, '');
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function bytesToUuid(bytes: Uint8Array): string {
  const hex = toHex(bytes.subarray(0, 16));
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Precomputed namespace bytes: the hot path (one uuid per node) skips re-parsing the namespace. */
export type NamespaceBytes = Uint8Array;

export function namespaceBytes(namespace: string): NamespaceBytes {
  return uuidToBytes(namespace);
}

/** UUIDv5 (RFC 9562 §5.5): SHA-1 of namespace bytes + UTF-8 name, version and variant bits set. */
export function uuidV5(name: string, namespace: string | NamespaceBytes): string {
  const ns = typeof namespace === 'string' ? uuidToBytes(namespace) : namespace;
  const nameBytes = utf8Encode(name);
  const input = new Uint8Array(16 + nameBytes.length);
  input.set(ns);
  input.set(nameBytes, 16);
  const hash = sha1(input);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  return bytesToUuid(hash);
}

/** The namespace of one project's node uuids: UUIDv5(SLUICE_PROJECT_NAMESPACE, projectId). */
export function projectNamespace(projectId: string): string {
  return uuidV5(projectId, SLUICE_PROJECT_NAMESPACE);
}

/** A node's stable uuid: UUIDv5(projectNamespace(projectId), unique_id). */
export function nodeUuid(projectId: string, uniqueId: string): string {
  return uuidV5(uniqueId, projectNamespace(projectId));
}
