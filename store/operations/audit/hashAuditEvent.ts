import { createHash } from 'node:crypto';
import type { AuditEvent } from '../../types';

/** JSON with object keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The hash of an event covers every field and the previous event's hash: editing any past event breaks the chain. */
export function hashAuditEvent(e: Omit<AuditEvent, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(e), 'utf8').digest('hex');
}
