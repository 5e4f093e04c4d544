import { z } from 'zod';

/**
 * The fields of a manifest entry that Sluice uses, across manifest v1 to v12. Loose objects:
 * unknown fields pass through (tolerant reading), known fields must have the right type.
 * Older names (`raw_sql`, `compiled_sql`) and newer ones (`raw_code`, `compiled_code`) both appear.
 */
const record = z.record(z.string(), z.unknown());
const optString = z.string().nullish();
const versionValue = z.union([z.string(), z.number()]).nullish();

const columnSchema = z.looseObject({
  name: optString,
  description: optString,
  data_type: optString,
  meta: record.nullish(),
  tags: z.array(z.string()).nullish(),
});

export const nodeSchema = z.looseObject({
  unique_id: z.string().min(1),
  resource_type: z.string().optional(),
  name: optString,
  package_name: optString,
  path: optString,
  original_file_path: optString,
  fqn: z.array(z.string()).nullish(),
  tags: z.union([z.array(z.string()), z.string()]).nullish(),
  config: record.nullish(),
  unrendered_config: record.nullish(),
  meta: record.nullish(),
  description: optString,
  columns: z.record(z.string(), columnSchema).nullish(),
  // Nodes carry {name, checksum}; unit tests (dbt 1.8+) carry the bare checksum string.
  checksum: z.union([z.looseObject({ name: z.string(), checksum: z.string() }), z.string()]).nullish(),
  raw_code: optString,
  raw_sql: optString,
  compiled_code: optString,
  compiled_sql: optString,
  language: optString,
  database: optString,
  schema: optString,
  alias: optString,
  identifier: optString,
  relation_name: optString,
  depends_on: z
    .looseObject({ nodes: z.array(z.string()).nullish(), macros: z.array(z.string()).nullish() })
    .nullish(),
  group: optString,
  access: optString,
  version: versionValue,
  latest_version: versionValue,
  contract: z.looseObject({ enforced: z.boolean().nullish(), checksum: optString }).nullish(),
  test_metadata: z.looseObject({ name: optString, namespace: optString }).nullish(),
  attached_node: optString,
  column_name: optString,
  source_name: optString,
  loaded_at_field: optString,
  freshness: record.nullish(),
});

export type RawNode = z.output<typeof nodeSchema>;

/** The keys above: everything else a node holds is kept in `DbtNode.extra`. */
export const KNOWN_NODE_KEYS: ReadonlySet<string> = new Set(Object.keys(nodeSchema.shape));

export const macroSchema = z.looseObject({
  unique_id: z.string().min(1),
  package_name: optString,
  macro_sql: optString,
  depends_on: z.looseObject({ macros: z.array(z.string()).nullish() }).nullish(),
});

export const selectorSchema = z.looseObject({
  name: optString,
  description: optString,
  definition: z.unknown(),
  default: z.boolean().nullish(),
});
