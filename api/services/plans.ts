import { randomUUID } from 'node:crypto';
import type { PlanRequest } from '../../domain/plan/context';
import { namedNodes } from '../../domain/plan/named';
import type { ExecutionPlan } from '../../domain/plan/types';
import { SelectorError, selectNodes } from '../../domain/selectors';
import { createDefaultRegistry } from '../../policies/builtins';
import { buildPlan } from '../../policies/engine';
import type { BlobStore } from '../../adapters/blobs/types';
import type { Store } from '../../store/db';
import { NotFoundError } from '../../store/errors';
import { getEnvironment } from '../../store/operations/environments/getEnvironment';
import { createPlan } from '../../store/operations/plans/createPlan';
import { getProject } from '../../store/operations/projects/getProject';
import { getProjectVersion } from '../../store/operations/versions/getProjectVersion';
import { listProjectVersions } from '../../store/operations/versions/listProjectVersions';
import type { ProjectVersion, StoredPlan } from '../../store/types';
import { actorOf, type Principal } from '../auth/principal';
import { HttpProblem } from '../problem';
import { recordAudit } from './audit';
import { planEnvironmentOf } from './planEnvironment';
import { loadEnvironmentHistory } from './planHistory';
import { loadVersionArtifacts, type VersionArtifactsCache } from './versionArtifacts';

/** A stored plan as the API answers it: the row's ids and hash, and the ExecutionPlan itself. */
export interface PlanResource {
  /** The stored plan's id: what runs and approvals name. */
  id: string;
  projectId: string;
  environmentId: string;
  versionId: string;
  /** sha256 of the plan's canonical JSON: an approval is for this hash only. */
  planHash: string;
  createdBy: string;
  createdAt: string;
  plan: ExecutionPlan;
}

export const planResource = (p: StoredPlan): PlanResource => ({
  id: p.id,
  projectId: p.projectId,
  environmentId: p.environmentId,
  versionId: p.versionId,
  planHash: p.planHash,
  createdBy: p.createdBy,
  createdAt: p.createdAt,
  plan: p.body as ExecutionPlan,
});

export interface PlanInput {
  readonly environmentId: string;
  readonly versionId?: string | undefined;
  readonly select?: string | undefined;
  readonly exclude?: string | undefined;
  readonly selector?: string | undefined;
  readonly fullRefresh?: boolean | undefined;
  readonly named?: readonly string[] | undefined;
}

/** A selector the user wrote that cannot be evaluated: 400 with dbt-style message naming it. */
function selectorProblem(err: SelectorError): HttpProblem {
  return new HttpProblem(400, 'invalid-selector', 'Invalid selector', err.message, { code: err.code, expression: err.expression });
}

async function versionFor(store: Store, tenantId: string, projectId: string, versionId: string | undefined): Promise<ProjectVersion> {
  if (versionId !== undefined) {
    const version = await getProjectVersion({ db: store.db, tenantId, id: versionId });
    if (version.projectId !== projectId) throw new NotFoundError('project version', versionId);
    return version;
  }
  const [latest] = await listProjectVersions({ db: store.db, tenantId, projectId });
  if (!latest) throw new HttpProblem(409, 'conflict/no-version', 'Conflict', 'the project has no ingested version yet: upload its artifacts first');
  return latest;
}

/**
 * Builds a plan server-side from a stored version, the environment's settings and its history (node
 * runs in the store), with every built-in policy; stores it under its content hash and audits it.
 * Everything is checked before anything is stored.
 */
export async function createProjectPlan(args: {
  store: Store;
  blobs: BlobStore;
  /** The process's parsed versions; absent: the version and its history are read and parsed again. */
  versions?: VersionArtifactsCache;
  principal: Principal;
  tenantId: string;
  projectId: string;
  input: PlanInput;
  now?: Date;
}): Promise<PlanResource> {
  const built = await buildProjectPlan({
    store: args.store, blobs: args.blobs, versions: args.versions, tenantId: args.tenantId, projectId: args.projectId, input: args.input,
    planId: randomUUID(), requestedBy: actorOf(args.principal), now: args.now ?? new Date(),
  });
  return storePlan({
    store: args.store, principal: args.principal, tenantId: args.tenantId, environmentId: built.environmentId, versionId: built.versionId, plan: built.plan,
    context: { selection: args.input.select ?? null, selector: args.input.selector ?? null },
  });
}

/** A sealed plan, not stored yet, with the environment and version it was built for. */
export interface BuiltProjectPlan {
  readonly plan: ExecutionPlan;
  readonly environmentId: string;
  readonly versionId: string;
}

/**
 * The plan building behind `createProjectPlan`, shared with scheduled runs (api/services/schedulesPlanner.ts):
 * loads the version, the environment and its history, evaluates the selection and runs the policies.
 * Stores nothing. The caller gives the plan id, the requester and `now` (a schedule passes its scheduled time).
 */
export async function buildProjectPlan(args: {
  store: Store;
  blobs: BlobStore;
  /** The process's parsed versions; absent: the version and its history are read and parsed again. */
  versions?: VersionArtifactsCache;
  tenantId: string;
  projectId: string;
  input: PlanInput;
  planId: string;
  requestedBy: string;
  now: Date;
}): Promise<BuiltProjectPlan> {
  const { store, blobs, tenantId, input } = args;
  const project = await getProject({ db: store.db, tenantId, id: args.projectId });
  const env = await getEnvironment({ db: store.db, tenantId, id: input.environmentId });
  if (env.projectId !== project.id) throw new NotFoundError('environment', input.environmentId);
  const environment = planEnvironmentOf(env);
  const version = await versionFor(store, tenantId, project.id, input.versionId);
  const { set, graph } = await loadVersionArtifacts(blobs, version, args.versions);
  const history = await loadEnvironmentHistory({ store, blobs, versions: args.versions, tenantId, projectId: project.id, environmentId: env.id });
  const manifest = set.manifest;
  const select = input.select ?? null;
  let selected: string[];
  let named: string[];
  try {
    selected = selectNodes({
      graph,
      manifest,
      select: input.select,
      exclude: input.exclude,
      selector: input.selector,
      state: { previousManifest: history.previousManifest, previousRunResults: null, previousSources: null, currentSources: set.sources },
    });
    named = namedNodes(graph, manifest, select);
  } catch (err) {
    if (err instanceof SelectorError) throw selectorProblem(err);
    throw err;
  }
  for (const id of input.named ?? []) {
    if (!graph.get(id)) throw new HttpProblem(400, 'invalid-input', 'Invalid input', `named node ${id} is not in version ${version.id}`);
  }
  const request: PlanRequest = {
    planId: args.planId,
    now: args.now.toISOString(),
    requestedBy: args.requestedBy,
    graph,
    manifest,
    selection: { select, exclude: input.exclude ?? null, selected, named: [...new Set([...named, ...(input.named ?? [])])].sort(), fullRefresh: input.fullRefresh === true },
    environment,
    history: {
      nodeRuns: history.nodeRuns,
      runResults: set.runResults ? [{ label: `run_results.json of version ${version.id}`, results: set.runResults, manifest }] : [],
      sources: set.sources ? [set.sources] : [],
      catalog: set.catalog,
    },
  };
  return { plan: buildPlan(request, createDefaultRegistry()), environmentId: env.id, versionId: version.id };
}

/** Stores a sealed plan (a plan with the same hash is returned as stored) and audits its creation. */
export async function storePlan(args: {
  store: Store;
  principal: Principal;
  tenantId: string;
  environmentId: string;
  versionId: string;
  plan: ExecutionPlan;
  context?: Readonly<Record<string, unknown>>;
}): Promise<PlanResource> {
  const { store, tenantId, plan } = args;
  const stored = await createPlan({
    db: store.db, tenantId, environmentId: args.environmentId, versionId: args.versionId, planHash: plan.hash, body: plan, createdBy: actorOf(args.principal),
  });
  await recordAudit({
    db: store.db, principal: args.principal, tenantId, action: 'plan.create', subjectType: 'plan', subjectId: stored.id,
    context: { planHash: stored.planHash, environmentId: stored.environmentId, versionId: stored.versionId, nodes: plan.totals.nodes.total, ...args.context },
  });
  return planResource(stored);
}
