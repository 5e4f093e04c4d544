import type { Knex } from 'knex';
import type { GraphEdge, GraphNode } from '../../../domain/graph/types';
import { isoNow, newId, toJson } from '../../rows';
import type { ProjectVersion, VersionFile } from '../../types';
import { getProject } from '../projects/getProject';
import { contentAddress } from './contentAddress';
import { mapProjectVersion } from './mapProjectVersion';

/**
 * Rows per INSERT statement: a multi-row VALUES list. Graph nodes bind 8 values a row, so a full
 * statement binds 8,000: under SQLite's 32,766 and PostgreSQL's 65,535 bind limits. At 100 rows a
 * statement (knex batchInsert), per-statement cost (compile, prepare, round trip) was a large part
 * of storing a 10k-model graph of ~31k nodes and ~36k edges (Ingestion in docs/benchmarks.md).
 * Measured alternatives: 4,000 rows was no faster; PostgreSQL `unnest(text[], ...)` was slower on
 * real node JSON (array-literal escaping on the client, array parsing on the server).
 */
const ROWS_PER_INSERT = 1000;

export interface NewProjectVersion {
  readonly tenantId: string;
  readonly projectId: string;
  readonly files: readonly VersionFile[];
  readonly gitSha: string | null;
  readonly dbtVersion: string | null;
  /** e.g. "manifest/v12". */
  readonly manifestSchema: string;
  readonly nodes: Iterable<GraphNode>;
  readonly edges: readonly GraphEdge[];
}

/**
 * Stores a version and its graph in one transaction, content-addressed: when the project already has
 * a version with the same files, that version is returned and nothing is written (`created: false`).
 */
export async function createProjectVersion(args: { db: Knex; version: NewProjectVersion; now?: Date }): Promise<{ version: ProjectVersion; created: boolean }> {
  const { db, version: v } = args;
  await getProject({ db, tenantId: v.tenantId, id: v.projectId });
  const contentSha256 = contentAddress(v.files);
  const existing = await findByContent(db, v.tenantId, v.projectId, contentSha256);
  if (existing) return { version: existing, created: false };
  const nodes = [...v.nodes];
  const row = {
    id: newId(),
    tenant_id: v.tenantId,
    project_id: v.projectId,
    content_sha256: contentSha256,
    git_sha: v.gitSha,
    dbt_version: v.dbtVersion,
    manifest_schema: v.manifestSchema,
    node_count: nodes.length,
    edge_count: v.edges.length,
    files: toJson(v.files),
    created_at: isoNow(args.now),
  };
  try {
    await db.transaction(async (trx) => {
      await trx('project_versions').insert(row);
      await insertRows(trx, 'graph_nodes', NODE_COLUMNS, nodes, (n) => [
        v.tenantId, row.id, n.uniqueId, n.nodeUuid, n.kind, n.node.name, n.node.packageName, toJson(n.node),
      ]);
      await insertRows(trx, 'graph_edges', EDGE_COLUMNS, v.edges, (e) => [v.tenantId, row.id, e.from, e.to]);
    });
  } catch (err) {
    // Two identical uploads at once: the loser reads the winner's version.
    const winner = await findByContent(db, v.tenantId, v.projectId, contentSha256);
    if (winner) return { version: winner, created: false };
    throw err;
  }
  return { version: mapProjectVersion(row), created: true };
}

const NODE_COLUMNS = ['tenant_id', 'version_id', 'unique_id', 'node_uuid', 'kind', 'name', 'package_name', 'data'] as const;
const EDGE_COLUMNS = ['tenant_id', 'version_id', 'from_id', 'to_id'] as const;

/**
 * Inserts `items` as rows of `columns` with `insert ... values (...), (...)` statements of
 * ROWS_PER_INSERT rows (plain VALUES lists: knex's own SQLite multi-row insert is a UNION ALL of
 * SELECTs, capped at 500 terms). Rows are built a statement at a time, so the serialized node JSON
 * of a big graph is never all in memory at once; every full statement has the same SQL text.
 */
async function insertRows<T>(trx: Knex.Transaction, table: string, columns: readonly string[], items: readonly T[], toRow: (item: T) => string[]): Promise<void> {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const sqlFor = (rows: number): string => `insert into ${table} (${columns.join(', ')}) values ${Array<string>(rows).fill(tuple).join(', ')}`;
  let fullSql: string | undefined;
  for (let start = 0; start < items.length; start += ROWS_PER_INSERT) {
    const end = Math.min(start + ROWS_PER_INSERT, items.length);
    const bindings: string[] = [];
    for (let i = start; i < end; i++) bindings.push(...toRow(items[i] as T));
    await trx.raw(end - start === ROWS_PER_INSERT ? (fullSql ??= sqlFor(ROWS_PER_INSERT)) : sqlFor(end - start), bindings);
  }
}

async function findByContent(db: Knex, tenantId: string, projectId: string, contentSha256: string): Promise<ProjectVersion | null> {
  const row = (await db('project_versions')
    .where({ tenant_id: tenantId, project_id: projectId, content_sha256: contentSha256 })
    .first()) as Record<string, unknown> | undefined;
  return row ? mapProjectVersion(row) : null;
}
