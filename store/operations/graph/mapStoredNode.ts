import type { DbtNode, NodeKind } from '../../../domain/artifacts/types';
import { fromJson } from '../../rows';
import type { StoredNode } from '../../types';

export const mapStoredNode = (r: Record<string, unknown>): StoredNode => ({
  uniqueId: String(r.unique_id),
  nodeUuid: String(r.node_uuid),
  kind: String(r.kind) as NodeKind,
  name: String(r.name),
  packageName: String(r.package_name),
  node: fromJson<DbtNode>(r.data),
});
