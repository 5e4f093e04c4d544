import type { JsonNull } from '../../domain/artifacts/types';
import type { GraphNode } from '../../domain/graph/types';
import { executableKind } from '../../domain/plan/command';
import { estimateNode } from '../../domain/plan/estimate';
import { buildHistoryIndex } from '../../domain/plan/history';
import type { EstimateBasis } from '../../domain/plan/types';
import type { BlobStore } from '../../adapters/blobs/types';
import type { Store } from '../../store/db';
import type { EnvironmentRef } from '../../store/operations/runs/nodeHistory';
import type { Environment, ProjectVersion } from '../../store/types';
import { planEnvironmentOf } from './planEnvironment';
import { loadEnvironmentHistory } from './planHistory';
import { loadVersionArtifacts, type VersionArtifactsCache } from './versionArtifacts';

/** What a plan built now in an environment would estimate for one node. */
export interface NodeEstimate {
  /** Estimated duration of one run, seconds. */
  seconds: number;
  /** seconds × the environment's cost rate per hour / 3600. */
  cost: number;
  basis: EstimateBasis;
  /** How the figure was obtained (the plan's hover text). */
  detail: string;
  costRatePerHour: number;
  environment: EnvironmentRef;
  /** The version whose run_results and catalog were used. */
  versionId: string;
}

/**
 * The estimate `buildProjectPlan` (api/services/plans.ts) would give the node now: the same
 * environment settings, the same history (the environment's node runs in the store, the version's
 * run_results, sources and catalog, labelled alike), the same index and estimator. Null for a node
 * no plan contains (dbt does not execute its kind, or it is an ephemeral model, as policies/context.ts rules).
 */
export async function estimateNodeNow(args: {
  store: Store;
  blobs: BlobStore;
  /** The process's parsed versions; absent: the version and its history are read and parsed again. */
  versions?: VersionArtifactsCache;
  tenantId: string;
  projectId: string;
  environment: Environment;
  version: ProjectVersion;
  uniqueId: string;
}): Promise<NodeEstimate | JsonNull> {
  const { store, blobs, tenantId, environment, version, uniqueId } = args;
  const settings = planEnvironmentOf(environment);
  const { set, graph } = await loadVersionArtifacts(blobs, version, args.versions);
  if (!plannable(graph.get(uniqueId))) return null;
  const history = await loadEnvironmentHistory({ store, blobs, versions: args.versions, tenantId, projectId: args.projectId, environmentId: environment.id });
  const index = buildHistoryIndex({
    nodeRuns: history.nodeRuns,
    runResults: set.runResults ? [{ label: `run_results.json of version ${version.id}`, results: set.runResults, manifest: set.manifest }] : [],
    sources: set.sources ? [set.sources] : [],
    catalog: set.catalog,
  });
  const estimate = estimateNode(uniqueId, index, { costRatePerHour: settings.costRatePerHour, defaultEstimateSeconds: settings.defaultEstimateSeconds });
  return {
    seconds: estimate.seconds,
    cost: estimate.cost,
    basis: estimate.basis,
    detail: estimate.detail,
    costRatePerHour: settings.costRatePerHour,
    environment: { id: environment.id, name: environment.name },
    versionId: version.id,
  };
}

function plannable(node: GraphNode | undefined): boolean {
  return node !== undefined && executableKind(node.kind) !== null && node.node.materialized !== 'ephemeral';
}
