import { Controller, Get, Path, Query, Request, Response, Route, Security, Tags } from 'tsoa';
import type { Request as ExRequest } from 'express';
import { z } from 'zod';
import type { JsonNull, NodeKind } from '../../domain/artifacts/types';
import { NotFoundError } from '../../store/errors';
import { getEnvironment } from '../../store/operations/environments/getEnvironment';
import { getGraphNode } from '../../store/operations/graph/getGraphNode';
import { getProject } from '../../store/operations/projects/getProject';
import { listNodeHistory, MAX_NODE_HISTORY, type NodeExecution } from '../../store/operations/runs/nodeHistory';
import { getProjectVersion } from '../../store/operations/versions/getProjectVersion';
import { listProjectVersions } from '../../store/operations/versions/listProjectVersions';
import type { Environment, ProjectVersion } from '../../store/types';
import type { ApiDeps } from '../deps';
import { parseInput } from '../input';
import type { Problem } from '../problem';
import { estimateNodeNow, type NodeEstimate } from '../services/nodeEstimate';
import { idParam, tenantScope } from './scope';

/** A node's recent executions and what a plan would estimate for it now. */
interface NodeHistory {
  uniqueId: string;
  kind: NodeKind;
  name: string;
  /** The version the node was looked up in (the newest unless `versionId` was given). */
  versionId: string;
  /** The environment asked for, or null (executions of every environment, no estimate). */
  environmentId: string | null;
  /** Newest run first, then latest attempt first; at most `limit`. */
  executions: NodeExecution[];
  /** Null without an environment, or when no plan would contain the node (sources, exposures, ephemeral models, ...). */
  estimate: NodeEstimate | JsonNull;
}

const historyQuery = z.object({
  environmentId: z.uuid().optional(),
  versionId: z.uuid().optional(),
  limit: z.number().int().min(1).max(MAX_NODE_HISTORY).optional(),
});

/** One node across a project's runs (the node panel's "Recent runs" and "Estimated cost"). */
@Route('api/v1/tenants/{tenantId}/projects/{projectId}/nodes')
@Tags('nodes')
export class NodeHistoryController extends Controller {
  constructor(private readonly deps: ApiDeps) {
    super();
  }

  /**
   * The node's recent executions across the project's runs (optionally in one environment), and the
   * estimate a plan built now in that environment would use for it (the plan builder's own
   * functions: environment history, the version's run_results and catalog, the default).
   * @param environmentId only runs of this environment, and the estimate in it
   * @param versionId the version the node must exist in and whose artifacts the estimate reads (newest by default)
   * @param limit at most this many executions (1 to 100, default 20)
   */
  @Get('{uniqueId}/history')
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async getNodeHistory(
    @Request() req: ExRequest,
    @Path() tenantId: string,
    @Path() projectId: string,
    @Path() uniqueId: string,
    @Query() environmentId?: string,
    @Query() versionId?: string,
    @Query() limit?: number,
  ): Promise<NodeHistory> {
    tenantScope(req, tenantId);
    const q = parseInput(historyQuery, { environmentId, versionId, limit }, 'node history query');
    const db = this.deps.store.db;
    const project = await getProject({ db, tenantId, id: idParam(projectId, 'project') });
    const version = await this.version(tenantId, project.id, q.versionId, uniqueId);
    const environment = q.environmentId === undefined ? null : await this.environment(tenantId, project.id, q.environmentId);
    const node = await getGraphNode({ db, tenantId, versionId: version.id, uniqueId });
    const executions = await listNodeHistory({ db, tenantId, projectId: project.id, uniqueId, environmentId: environment?.id ?? null, limit: q.limit ?? 20 });
    const estimate = environment === null
      ? null
      : await estimateNodeNow({ store: this.deps.store, blobs: this.deps.blobs, versions: this.deps.versions, tenantId, projectId: project.id, environment, version, uniqueId });
    return { uniqueId, kind: node.kind, name: node.name, versionId: version.id, environmentId: environment?.id ?? null, executions, estimate };
  }

  private async version(tenantId: string, projectId: string, versionId: string | undefined, uniqueId: string): Promise<ProjectVersion> {
    if (versionId === undefined) {
      const [latest] = await listProjectVersions({ db: this.deps.store.db, tenantId, projectId });
      // Without a version the project has no nodes at all.
      if (!latest) throw new NotFoundError('node', uniqueId);
      return latest;
    }
    const version = await getProjectVersion({ db: this.deps.store.db, tenantId, id: versionId });
    if (version.projectId !== projectId) throw new NotFoundError('project version', versionId);
    return version;
  }

  private async environment(tenantId: string, projectId: string, environmentId: string): Promise<Environment> {
    const env = await getEnvironment({ db: this.deps.store.db, tenantId, id: environmentId });
    if (env.projectId !== projectId) throw new NotFoundError('environment', environmentId);
    return env;
  }
}
