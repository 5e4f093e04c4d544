/**
 * The normalized internal model of a dbt project's artifacts. Every manifest schema version (v1 to
 * v12), catalog v1, run_results v1 to v6 and sources v1 to v3 is read into these types; nothing
 * downstream (graph, selectors, plans, UI) looks at raw artifact JSON.
 *
 * Fields that dbt does not always write are optional or nullable here, never invented.
 */

// `X | JsonNull` is exactly `X | null` to TypeScript, but tsoa then writes `anyOf: [X, JsonNull]` in
// the OpenAPI 3.0 document, JsonNull admitting null only. tsoa's rendering of `X | null` for a
// referenced X or a union, `{ allOf|anyOf: [...], nullable: true }`, admits no null: in OpenAPI 3.0
// `nullable` only takes effect next to a `type`. Use it in types the API returns.
/** The JSON value null. */
export type JsonNull = null;

/** Every kind of node Sluice knows. `test` covers generic and singular tests (see `testType`). */
export type NodeKind =
  | 'model'
  | 'seed'
  | 'snapshot'
  | 'test'
  | 'unit_test'
  | 'analysis'
  | 'operation'
  | 'sql_operation'
  | 'source'
  | 'exposure'
  | 'metric'
  | 'semantic_model'
  | 'saved_query'
  | 'group'
  | 'function';

/** The schema a file declared, e.g. `{ artifact: 'manifest', version: 12 }` → "manifest/v12". */
export interface SchemaVersion {
  readonly artifact: 'manifest' | 'catalog' | 'run_results' | 'sources';
  readonly version: number;
}

export interface Checksum {
  readonly name: string;
  readonly checksum: string;
}

/** One node of the project: a manifest entry from nodes, sources, exposures, metrics, ... */
export interface DbtNode {
  readonly uniqueId: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly packageName: string;
  /** Path relative to the resource folder, as dbt's `path` (e.g. `staging/stg_orders.sql`). */
  readonly path: string | null;
  /** Path relative to the project root, as dbt's `original_file_path`. */
  readonly originalFilePath: string | null;
  readonly fqn: readonly string[];
  readonly tags: readonly string[];
  /** The node's resolved config, unknown keys kept as dbt wrote them. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Config as written by the user, before defaults: what `state:modified.configs` compares. */
  readonly unrenderedConfig: Readonly<Record<string, unknown>>;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly description: string;
  readonly columns: Readonly<Record<string, ColumnDoc>>;
  readonly checksum: Checksum | JsonNull;
  readonly rawCode: string | null;
  readonly compiledCode: string | null;
  readonly language: string | null;
  /** database.schema.alias, when the node is a relation in the warehouse. */
  readonly relation: RelationRef | JsonNull;
  readonly relationName: string | null;
  readonly materialized: string | null;
  /** unique_ids of the nodes this node depends on (dbt's depends_on.nodes). */
  readonly dependsOn: readonly string[];
  readonly dependsOnMacros: readonly string[];
  readonly group: string | null;
  readonly access: string | null;
  readonly version: string | number | JsonNull;
  readonly latestVersion: string | number | JsonNull;
  readonly contract: { readonly enforced: boolean; readonly checksum: string | null } | null;
  /** For tests: generic or singular, the generic test's name, and the node it tests. */
  readonly test: TestInfo | JsonNull;
  /** For sources: source name and table name. */
  readonly source: SourceInfo | JsonNull;
  /** Everything dbt wrote that this model does not name, kept as-is (tolerant reading). */
  readonly extra: Readonly<Record<string, unknown>>;
}

export interface RelationRef {
  readonly database: string | null;
  readonly schema: string | null;
  readonly identifier: string;
}

export interface ColumnDoc {
  readonly name: string;
  readonly description: string;
  readonly dataType: string | null;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly tags: readonly string[];
}

export interface TestInfo {
  readonly testType: 'generic' | 'singular' | 'unit';
  /** The generic test's name (`unique`, `not_null`, `dbt_utils.expression_is_true`), or null. */
  readonly testName: string | null;
  /** The unique_id of the node the test is attached to, when there is one. */
  readonly attachedNodeId: string | null;
  readonly columnName: string | null;
}

export interface SourceInfo {
  readonly sourceName: string;
  readonly tableName: string;
  readonly loadedAtField: string | null;
  readonly freshness: Readonly<Record<string, unknown>> | JsonNull;
}

/** The normalized manifest. `nodes` holds every enabled node of every kind, keyed by unique_id. */
export interface Manifest {
  readonly schemaVersion: SchemaVersion;
  readonly dbtVersion: string | null;
  readonly projectName: string | null;
  readonly projectId: string | null;
  readonly adapterType: string | null;
  readonly generatedAt: string | null;
  readonly nodes: ReadonlyMap<string, DbtNode>;
  /** Disabled nodes, kept apart: never in the graph, still listed. */
  readonly disabled: readonly DbtNode[];
  /** Macro unique_id → checksum (for `state:modified.macros`). */
  readonly macros: ReadonlyMap<string, MacroInfo>;
  /** YAML selectors defined in the project (`selectors.yml`), by name, as dbt stored them. */
  readonly selectors: Readonly<Record<string, YamlSelector>>;
  readonly warnings: readonly ArtifactWarning[];
}

export interface MacroInfo {
  readonly uniqueId: string;
  readonly packageName: string;
  readonly checksum: string | null;
  readonly dependsOnMacros: readonly string[];
}

export interface YamlSelector {
  readonly name: string;
  readonly description: string | null;
  readonly definition: unknown;
  readonly default: boolean;
}

/** A problem that does not stop ingestion; it names the node (when there is one) and the field. */
export interface ArtifactWarning {
  readonly code: string;
  readonly message: string;
  readonly nodeId: string | null;
  readonly field: string | null;
}

export interface Catalog {
  readonly schemaVersion: SchemaVersion;
  readonly dbtVersion: string | null;
  readonly entries: ReadonlyMap<string, CatalogEntry>;
  /** Errors dbt reported while building the catalog (`errors`), as written. */
  readonly errors: readonly string[];
}

export interface CatalogEntry {
  readonly uniqueId: string;
  /** True for entries of catalog.json's `sources` map. */
  readonly isSource: boolean;
  /** The warehouse's table type (`table`, `view`, `BASE TABLE`, ...), when reported. */
  readonly tableType: string | null;
  readonly columns: Readonly<Record<string, { readonly name: string; readonly type: string; readonly index: number; readonly comment: string | null }>>;
  /** Statistics dbt reported (row count, bytes), numbers only where the warehouse gave numbers. */
  readonly stats: Readonly<Record<string, string | number | boolean | null>>;
}

export type NodeResultStatus =
  | 'success'
  | 'error'
  | 'skipped'
  | 'pass'
  | 'fail'
  | 'warn'
  | 'runtime error'
  | 'partial success'
  | 'no-op'
  | 'reused';

export interface RunResults {
  readonly schemaVersion: SchemaVersion;
  readonly dbtVersion: string | null;
  readonly generatedAt: string | null;
  readonly invocationId: string | null;
  readonly elapsedTime: number | null;
  readonly results: readonly NodeResult[];
}

export interface NodeResult {
  readonly uniqueId: string;
  readonly status: NodeResultStatus | string;
  /** Seconds, as dbt reports `execution_time`. */
  readonly executionTime: number;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly message: string | null;
  readonly failures: number | null;
  readonly adapterResponse: Readonly<Record<string, unknown>>;
}

export interface SourceFreshness {
  readonly schemaVersion: SchemaVersion;
  readonly dbtVersion: string | null;
  readonly generatedAt: string | null;
  readonly results: readonly SourceFreshnessResult[];
}

export interface SourceFreshnessResult {
  readonly uniqueId: string;
  /** pass | warn | error | runtime error */
  readonly status: string;
  readonly maxLoadedAt: string | null;
  readonly snapshottedAt: string | null;
  readonly maxLoadedAtTimeAgoInS: number | null;
}

/** One ingested set of artifacts; manifest required, the rest optional. */
export interface ArtifactSet {
  readonly manifest: Manifest;
  readonly catalog: Catalog | null;
  readonly runResults: RunResults | null;
  readonly sources: SourceFreshness | null;
}
