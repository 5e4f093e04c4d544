import { fromJson, nullable } from '../../rows';
import type { ProjectVersion, VersionFile } from '../../types';

export const mapProjectVersion = (r: Record<string, unknown>): ProjectVersion => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  projectId: String(r.project_id),
  contentSha256: String(r.content_sha256),
  gitSha: nullable(r.git_sha),
  dbtVersion: nullable(r.dbt_version),
  manifestSchema: String(r.manifest_schema),
  nodeCount: Number(r.node_count),
  edgeCount: Number(r.edge_count),
  files: fromJson<VersionFile[]>(r.files),
  createdAt: String(r.created_at),
});
