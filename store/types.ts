import type { DbtNode, NodeKind } from '../domain/artifacts/types';

/** Objects as the store returns them (camelCase, JSON columns parsed). Times are ISO 8601 UTC. */

export interface Tenant {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface Org {
  readonly id: string;
  readonly tenantId: string;
  readonly slug: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface Project {
  readonly id: string;
  readonly tenantId: string;
  readonly orgId: string;
  readonly slug: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface Environment {
  readonly id: string;
  readonly tenantId: string;
  readonly projectId: string;
  readonly name: string;
  readonly target: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
}

export type Role = 'viewer' | 'editor' | 'admin';

export interface ApiToken {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly role: Role;
  readonly prefix: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

export type ArtifactFileKind = 'manifest' | 'catalog' | 'run_results' | 'sources';

export interface VersionFile {
  readonly kind: ArtifactFileKind;
  readonly sha256: string;
  readonly size: number;
}

export interface ProjectVersion {
  readonly id: string;
  readonly tenantId: string;
  readonly projectId: string;
  readonly contentSha256: string;
  readonly gitSha: string | null;
  readonly dbtVersion: string | null;
  readonly manifestSchema: string;
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly files: readonly VersionFile[];
  readonly createdAt: string;
}

export interface StoredNode {
  readonly uniqueId: string;
  readonly nodeUuid: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly packageName: string;
  readonly node: DbtNode;
}

export interface StoredEdge {
  readonly from: string;
  readonly to: string;
}

/** A page of results and the cursor to pass as `after` for the next one (null on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

export interface StoredPlan {
  readonly id: string;
  readonly tenantId: string;
  readonly projectId: string;
  readonly environmentId: string;
  readonly versionId: string;
  readonly planHash: string;
  /** The ExecutionPlan as built by domain/plan (opaque to the store). */
  readonly body: unknown;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** ARCHITECTURE §3 run lifecycle. */
export type RunStatus = 'queued' | 'planning' | 'awaiting_approval' | 'running' | 'success' | 'warning' | 'failed' | 'canceled';

export interface Run {
  readonly id: string;
  readonly tenantId: string;
  readonly projectId: string;
  readonly environmentId: string;
  readonly planId: string;
  readonly status: RunStatus;
  readonly workflowId: string;
  readonly requestedBy: string;
  readonly idempotencyKey: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export interface NodeRun {
  readonly id: string;
  readonly tenantId: string;
  readonly runId: string;
  readonly uniqueId: string;
  readonly nodeUuid: string;
  readonly attempt: number;
  readonly status: string;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly executionTime: number | null;
  readonly adapterResponse: Readonly<Record<string, unknown>>;
  readonly message: string | null;
}

/** Sluice's names of Temporal's schedule overlap policies (temporal/schedules.ts maps them). */
export type ScheduleOverlap = 'skip' | 'buffer_one' | 'buffer_all' | 'cancel_other' | 'terminate_other' | 'allow_all';

/** When a schedule fires: a cron expression, or every `everySeconds` shifted by `offsetSeconds`. */
export type ScheduleTiming =
  | { readonly kind: 'cron'; readonly cron: string }
  | { readonly kind: 'interval'; readonly everySeconds: number; readonly offsetSeconds: number };

/** What a schedule plans and when. */
export interface ScheduleDefinition {
  readonly timing: ScheduleTiming;
  /** IANA zone the timing is read in (`UTC`, `Europe/Paris`). */
  readonly timeZone: string;
  readonly overlap: ScheduleOverlap;
  /** dbt `--select` expression; null plans everything. */
  readonly select: string | null;
  readonly exclude: string | null;
  /** A YAML selector of the manifest, used instead of select/exclude. */
  readonly selector: string | null;
}

export interface Schedule extends ScheduleDefinition {
  readonly id: string;
  readonly tenantId: string;
  readonly projectId: string;
  readonly environmentId: string;
  readonly name: string;
  readonly paused: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CanvasEvent {
  readonly seq: number;
  readonly tenantId: string;
  readonly projectId: string;
  readonly userId: string;
  readonly type: string;
  readonly payload: unknown;
  readonly createdAt: string;
}

export interface AuditEvent {
  readonly tenantId: string;
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly context: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
  readonly hash: string;
}
