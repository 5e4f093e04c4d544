import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Connection } from '@temporalio/client';

/** Search attributes every run carries, so the Temporal Web UI can filter runs by them. */
export const searchAttributeKeys = {
  tenant: defineSearchAttributeKey('SluiceTenant', SearchAttributeType.KEYWORD),
  project: defineSearchAttributeKey('SluiceProject', SearchAttributeType.KEYWORD),
  environment: defineSearchAttributeKey('SluiceEnvironment', SearchAttributeType.KEYWORD),
  plan: defineSearchAttributeKey('SluicePlan', SearchAttributeType.KEYWORD),
  runStatus: defineSearchAttributeKey('SluiceRunStatus', SearchAttributeType.KEYWORD),
} as const;

/** Registers the search attributes that the namespace lacks; a no-op when all exist. */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = Object.values(searchAttributeKeys).filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((key) => [key.name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
    ),
  });
  return missing.map((key) => key.name);
}
