import type { Knex } from 'knex';
import type { GraphEdge, GraphNode } from '../../../domain/graph/types';
import { isoNow, newId, toJson } from '../../rows';
import type { ProjectVersion, VersionFile } from '../../types';
import { getProject } from '../projects/getProject';
import { contentAddress } from './contentAddress';
import { mapProjectVersion } from './mapProjectVersion';

const CHUNK = 100;

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
      const nodeRows = nodes.map((n) => ({
        tenant_id: v.tenantId,
        version_id: row.id,
        unique_id: n.uniqueId,
        node_uuid: n.nodeUuid,
        kind: n.kind,
        name: n.node.name,
        package_name: n.node.packageName,
        data: toJson(n.node),
      }));
      const edgeRows = v.edges.map((e) => ({ tenant_id: v.tenantId, version_id: row.id, from_id: e.from, to_id: e.to }));
      await trx.batchInsert('graph_nodes', nodeRows, CHUNK);
      await trx.batchInsert('graph_edges', edgeRows, CHUNK);
    });
  } catch (err) {
    // Two identical uploads at once: the loser reads the winner's version.
    const winner = await findByContent(db, v.tenantId, v.projectId, contentSha256);
    if (winner) return { version: winner, created: false };
    throw err;
  }
  return { version: mapProjectVersion(row), created: true };
}

async function findByContent(db: Knex, tenantId: string, projectId: string, contentSha256: string): Promise<ProjectVersion | null> {
  const row = (await db('project_versions')
    .where({ tenant_id: tenantId, project_id: projectId, content_sha256: contentSha256 })
    .first()) as Record<string, unknown> | undefined;
  return row ? mapProjectVersion(row) : null;
}
