import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Controller, FormField, Get, Header, Path, Post, Produces, Query, Request, Response, Route, Security, SuccessResponse, Tags, UploadedFile, UploadedFiles } from 'tsoa';
import type { Request as ExRequest } from 'express';
import { z } from 'zod';
import { diffVersions, type VersionDiff } from '../../domain/diff/diff';
import type { DbtNode, NodeKind } from '../../domain/artifacts/types';
import { getGraphNode } from '../../store/operations/graph/getGraphNode';
import { listGraphPage } from '../../store/operations/graph/listGraphPage';
import { getProject } from '../../store/operations/projects/getProject';
import { getProjectVersion } from '../../store/operations/versions/getProjectVersion';
import { listProjectVersions } from '../../store/operations/versions/listProjectVersions';
import { NotFoundError } from '../../store/errors';
import type { ArtifactFileKind, ProjectVersion, StoredEdge, StoredNode } from '../../store/types';
import type { ApiDeps } from '../deps';
import { parseInput } from '../input';
import { HttpProblem, type Problem } from '../problem';
import { graphQuery, uploadFields } from '../schemas';
import { filesFromUploads } from '../services/artifactFiles';
import { ingestVersion } from '../services/ingestVersion';
import { loadVersionGraph } from '../services/loadVersionGraph';
import { filesFromTarGz } from '../services/untar';
import { idParam, tenantScope } from './scope';

interface IngestResult {
  version: ProjectVersion;
  /** False when the project already had a version with exactly these files (nothing was stored). */
  created: boolean;
  /** Problems that did not stop ingestion (e.g. results naming nodes absent from the manifest). */
  warnings: number;
}

/** What a graph page may add to each node: `node`, the full parsed DbtNode (tags, paths, config, columns, code). */
type GraphInclude = 'node';
const graphInclude = z.object({ include: z.enum(['node']).optional() });

/** A node of a graph page: its summary, and the full parsed node when the page was asked `include=node`. */
interface GraphPageNode {
  uniqueId: string;
  nodeUuid: string;
  kind: NodeKind;
  name: string;
  packageName: string;
  /** The full parsed node (as `GET …/nodes/{uniqueId}` gives it), only with `include=node`. */
  node?: DbtNode;
}

interface GraphPage {
  nodes: GraphPageNode[];
  /** The edges ending at this page's nodes: every edge appears on exactly one page. */
  edges: StoredEdge[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

// An interface, not `StoredNode & {...}`: tsoa renders an intersection as an allOf whose StoredNode
// part (additionalProperties: false) refuses parents and children.
/** A node with the unique_ids of its parents and children. */
interface NodeWithNeighbours extends StoredNode {
  parents: string[];
  children: string[];
}

/** A stored artifact file's JSON, byte for byte as it was uploaded (its shape is dbt's for its kind). */
type ArtifactFileJson = unknown;

/** True when an If-None-Match list names `etag` (weak comparison, RFC 9110 13.1.2) or is `*`. */
const noneMatch = (header: string | undefined, etag: string): boolean =>
  header !== undefined && header.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag);

/** `<project>-<first 8 of the version id>-<kind>.json`, reduced to characters safe in a quoted filename. */
const downloadName = (projectSlug: string, versionId: string, kind: ArtifactFileKind): string =>
  `${projectSlug}-${versionId.slice(0, 8)}-${kind}.json`.replace(/[^A-Za-z0-9._-]/g, '-');

@Route('api/v1/tenants/{tenantId}/projects/{projectId}/versions')
@Tags('versions')
export class VersionsController extends Controller {
  constructor(private readonly deps: ApiDeps) {
    super();
  }

  /**
   * Uploads an artifact set: either `files` (manifest.json, and optionally catalog.json,
   * run_results.json, sources.json) or `archive`, a tar.gz of a dbt `target/` folder. Answers 201 with
   * a new version, or 200 with the existing one when the same files were ingested before.
   */
  @Post()
  @Security('sluice', ['editor'])
  @SuccessResponse(201, 'Created')
  @Response<IngestResult>(200, 'The project already had a version with these files')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async uploadVersion(
    @Request() req: ExRequest,
    @Path() tenantId: string,
    @Path() projectId: string,
    @UploadedFiles('files') files?: Express.Multer.File[],
    @UploadedFile('archive') archive?: Express.Multer.File,
    @FormField() gitSha?: string,
  ): Promise<IngestResult> {
    tenantScope(req, tenantId);
    const fields = parseInput(uploadFields, { gitSha }, 'upload');
    const haveFiles = (files?.length ?? 0) > 0;
    if (haveFiles === (archive !== undefined)) {
      throw new HttpProblem(400, 'invalid-upload', 'Invalid upload', 'send either `files` or one `archive` (tar.gz), not both and not neither');
    }
    const artifactFiles = archive ? await filesFromTarGz(archive.buffer, this.deps.limits.maxUploadBytes) : filesFromUploads(files ?? []);
    const result = await ingestVersion({
      store: this.deps.store,
      blobs: this.deps.blobs,
      tenantId,
      projectId: idParam(projectId, 'project'),
      files: artifactFiles,
      gitSha: fields.gitSha ?? null,
    });
    this.setStatus(result.created ? 201 : 200);
    return result;
  }

  /** The project's versions, newest first. */
  @Get()
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async listVersions(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string): Promise<ProjectVersion[]> {
    tenantScope(req, tenantId);
    const project = await getProject({ db: this.deps.store.db, tenantId, id: idParam(projectId, 'project') });
    return listProjectVersions({ db: this.deps.store.db, tenantId, projectId: project.id });
  }

  @Get('{versionId}')
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async getVersion(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Path() versionId: string): Promise<ProjectVersion> {
    tenantScope(req, tenantId);
    return this.version(tenantId, projectId, versionId);
  }

  /**
   * One page of the version's graph, nodes ordered by unique_id. Versions are immutable, so pages
   * carry a strong ETag and answer 304 to a matching If-None-Match.
   * @param limit nodes per page (1 to the configured maximum, default 500 or that maximum)
   * @param after the `next` cursor of the previous page
   * @param include `node` adds each node's full parsed DbtNode (what tag:, path:, config.*, group: and folder grouping need)
   */
  @Get('{versionId}/graph')
  @Security('sluice', ['viewer'])
  @Response(304, 'Not modified (If-None-Match)')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async getGraph(
    @Request() req: ExRequest,
    @Path() tenantId: string,
    @Path() projectId: string,
    @Path() versionId: string,
    @Query() after?: string,
    @Query() limit?: number,
    @Query() include?: GraphInclude,
    @Header('If-None-Match') ifNoneMatch?: string,
  ): Promise<GraphPage | undefined> {
    tenantScope(req, tenantId);
    const max = this.deps.limits.maxGraphPage;
    const q = parseInput(graphQuery(max), { after, limit }, 'graph query');
    const withNode = parseInput(graphInclude, { include }, 'graph query').include === 'node';
    const version = await this.version(tenantId, projectId, versionId);
    const pageSize = q.limit ?? Math.min(500, max);
    // The include is part of the key (a summary page and a full page of the same nodes differ); summary keys stay as they were.
    const key = `${version.id}\n${version.contentSha256}\n${q.after ?? ''}\n${pageSize}${withNode ? '\ninclude=node' : ''}`;
    const etag = `"${createHash('sha256').update(key).digest('hex').slice(0, 32)}"`;
    this.setHeader('ETag', etag);
    this.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim() === etag)) {
      this.setStatus(304);
      return undefined;
    }
    const page = await listGraphPage({ db: this.deps.store.db, tenantId, versionId: version.id, after: q.after ?? null, limit: pageSize });
    return {
      nodes: page.items.map((n) => ({ uniqueId: n.uniqueId, nodeUuid: n.nodeUuid, kind: n.kind, name: n.name, packageName: n.packageName, ...(withNode ? { node: n.node } : {}) })),
      edges: [...page.edges],
      next: page.next,
    };
  }

  /** One node with its docs (description, columns, code, config) and its parents and children. */
  @Get('{versionId}/nodes/{uniqueId}')
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async getNode(
    @Request() req: ExRequest,
    @Path() tenantId: string,
    @Path() projectId: string,
    @Path() versionId: string,
    @Path() uniqueId: string,
  ): Promise<NodeWithNeighbours> {
    tenantScope(req, tenantId);
    const version = await this.version(tenantId, projectId, versionId);
    return getGraphNode({ db: this.deps.store.db, tenantId, versionId: version.id, uniqueId });
  }

  /**
   * What changed from version `base` to this version: nodes added, removed and modified, with the
   * categories of change and the downstream impact.
   */
  @Get('{versionId}/diff')
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async diffVersion(
    @Request() req: ExRequest,
    @Path() tenantId: string,
    @Path() projectId: string,
    @Path() versionId: string,
    @Query() base: string,
  ): Promise<VersionDiff> {
    tenantScope(req, tenantId);
    const next = await this.version(tenantId, projectId, versionId);
    const prev = await this.version(tenantId, projectId, base);
    return diffVersions(await loadVersionGraph(this.deps.blobs, prev, this.deps.versions), await loadVersionGraph(this.deps.blobs, next, this.deps.versions));
  }

  /**
   * Downloads one artifact file of the version, byte for byte as uploaded, as an attachment. Files are
   * content-addressed: the ETag is the file's sha256, it may be cached for good, and a matching
   * If-None-Match answers 304. A kind the version was uploaded without is a 404.
   * @param kind manifest, catalog, run_results or sources
   */
  @Get('{versionId}/files/{kind}')
  @Security('sluice', ['viewer'])
  @Produces('application/json')
  @Response(304, 'Not modified (If-None-Match)')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant, or no such file in the version (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async getVersionFile(
    @Request() req: ExRequest,
    @Path() tenantId: string,
    @Path() projectId: string,
    @Path() versionId: string,
    @Path() kind: ArtifactFileKind,
    @Header('If-None-Match') ifNoneMatch?: string,
  ): Promise<ArtifactFileJson> {
    tenantScope(req, tenantId);
    const version = await this.version(tenantId, projectId, versionId);
    const file = version.files.find((f) => f.kind === kind);
    if (!file) throw new NotFoundError(`${kind} file of project version`, version.id);
    const etag = `"${file.sha256}"`;
    this.setHeader('ETag', etag);
    this.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    if (noneMatch(ifNoneMatch, etag)) {
      this.setStatus(304);
      return undefined;
    }
    const project = await getProject({ db: this.deps.store.db, tenantId, id: version.projectId });
    const bytes = await this.deps.blobs.get(file.sha256);
    // The version row names the blob: its absence is lost data, a 500 with the details in the log.
    if (!bytes) throw new Error(`blob ${file.sha256} (${kind} of version ${version.id}) is missing from the blob store`);
    this.setHeader('Content-Type', 'application/json');
    this.setHeader('Content-Length', String(bytes.byteLength));
    this.setHeader('Content-Disposition', `attachment; filename="${downloadName(project.slug, version.id, kind)}"`);
    // tsoa pipes a Readable to the response as is: the uploaded bytes, not a re-serialized parse.
    return Readable.from([bytes]);
  }

  private async version(tenantId: string, projectId: string, versionId: string): Promise<ProjectVersion> {
    const version = await getProjectVersion({ db: this.deps.store.db, tenantId, id: idParam(versionId, 'version') });
    if (version.projectId !== projectId) throw new NotFoundError('project version', versionId);
    return version;
  }
}
