import type { Manifest } from '../../domain/artifacts/types';
import type { RunRecord } from '../../domain/plan/context';
import type { BlobStore } from '../../adapters/blobs/types';
import type { Store } from '../../store/db';
import { getPlan } from '../../store/operations/plans/getPlan';
import { listNodeRuns } from '../../store/operations/runs/listNodeRuns';
import { listRuns } from '../../store/operations/runs/listRuns';
import { getProjectVersion } from '../../store/operations/versions/getProjectVersion';
import type { NodeRun } from '../../store/types';
import { loadVersionArtifacts, type VersionArtifactsCache } from './versionArtifacts';

/** How far back planning looks: the environment's most recent runs, and the manifests of this many versions. */
export const HISTORY_RUNS = 20;
const HISTORY_MANIFESTS = 5;

/** Store node states as dbt statuses (what planning's history speaks); states that built nothing are left out. */
function dbtStatus(state: string): string | null {
  switch (state) {
    case 'success':
      return 'success';
    case 'warning':
      return 'warn';
    case 'failed':
      return 'error';
    default:
      // skipped, upstream_failed, not_run, interrupted, pending, running: no evidence of a build.
      return null;
  }
}

export interface EnvironmentHistory {
  readonly nodeRuns: readonly RunRecord[];
  /** The manifest of the environment's most recent successful run (state:modified compares to it), or null. */
  readonly previousManifest: Manifest | null;
}

/**
 * The environment's node runs from the store (its last HISTORY_RUNS runs), each with the manifest of
 * the version it ran, so `skip_if_no_change` can tell what changed since.
 */
export async function loadEnvironmentHistory(args: {
  store: Store;
  blobs: BlobStore;
  /** The process's parsed versions; absent: each manifest is read and parsed again. */
  versions?: VersionArtifactsCache;
  tenantId: string;
  projectId: string;
  environmentId: string;
}): Promise<EnvironmentHistory> {
  const { store, blobs, tenantId } = args;
  const db = store.db;
  const runs = (await listRuns({ db, tenantId, projectId: args.projectId, limit: HISTORY_RUNS * 5 }))
    .filter((r) => r.environmentId === args.environmentId)
    .slice(0, HISTORY_RUNS);
  const manifests = new Map<string, Manifest | null>();
  const manifestOf = async (planId: string): Promise<Manifest | null> => {
    const plan = await getPlan({ db, tenantId, id: planId });
    if (!manifests.has(plan.versionId)) {
      if (manifests.size >= HISTORY_MANIFESTS) return null;
      const version = await getProjectVersion({ db, tenantId, id: plan.versionId });
      manifests.set(plan.versionId, (await loadVersionArtifacts(blobs, version, args.versions)).set.manifest);
    }
    return manifests.get(plan.versionId) ?? null;
  };
  const records: RunRecord[] = [];
  let previousManifest: Manifest | null = null;
  for (const run of runs) {
    const rows = await listNodeRuns({ db, tenantId, runId: run.id });
    const built = rows.filter((r): r is NodeRun & { completedAt: string } => dbtStatus(r.status) !== null && r.completedAt !== null);
    if (built.length === 0) continue;
    const manifest = await manifestOf(run.planId);
    if (previousManifest === null && (run.status === 'success' || run.status === 'warning')) previousManifest = manifest;
    for (const r of built) {
      records.push({
        uniqueId: r.uniqueId,
        status: dbtStatus(r.status) as string,
        startedAt: r.startedAt,
        completedAt: r.completedAt,
        durationSeconds: r.executionTime ?? 0,
        manifest,
        label: `run ${run.id}`,
      });
    }
  }
  return { nodeRuns: records, previousManifest };
}
