/**
 * The Policy interface (ARCHITECTURE §4): `evaluate(context) -> Decision[]`, pure and deterministic.
 * Built-ins and plugins implement the same interface and are added through a registry.
 */
import type { Manifest } from '../domain/artifacts/types';
import type { PlanEnvironment, PlanRequest } from '../domain/plan/context';
import type { PlanDag } from '../domain/plan/dag';
import type { HistoryIndex } from '../domain/plan/history';
import type { Estimate, Evidence, PartitionRange, PlanAction } from '../domain/plan/types';
import type { GraphNode, LogicalGraph } from '../domain/graph/types';

/**
 * Stages run in this fixed order; policies in one stage run by id. Each stage sees the plan as
 * resolved after the previous stages (`context.draft`).
 */
export type PolicyStage = 'action' | 'priority' | 'budget' | 'approval';
export const STAGES: readonly PolicyStage[] = ['action', 'priority', 'budget', 'approval'];

/**
 * What kind of authority an action decision carries; the precedence table (precedence.ts) ranks
 * these, so a plugin states its class and needs no special case in the engine.
 */
export type ActionClass = 'dependency' | 'explicit_node' | 'budget' | 'explicit_refresh' | 'automatic_skip' | 'automatic_partial' | 'default';

export interface ActionDecision {
  readonly type: 'action';
  readonly policyId: string;
  readonly nodeId: string;
  readonly action: PlanAction;
  readonly class: ActionClass;
  readonly reason: string;
  readonly evidence: Evidence;
  /**
   * `upstream_not_running`: the decision holds only if no upstream plan node ends up RUN or PARTIAL
   * (how skip_if_no_change expresses "upstream will not run"); the engine checks it in DAG order.
   */
  readonly condition?: 'upstream_not_running';
  /** For PARTIAL: the partition and the vars that select it. */
  readonly partition?: { readonly range: PartitionRange; readonly vars: Readonly<Record<string, string>> };
}

export interface PriorityDecision {
  readonly type: 'priority';
  readonly policyId: string;
  readonly nodeId: string;
  /** The node's priority is the highest any decision gives it (base 0). */
  readonly priority: number;
  readonly reason: string;
  readonly evidence: Evidence;
}

export interface ApprovalDecision {
  readonly type: 'approval';
  readonly policyId: string;
  readonly role: string;
  readonly count: number;
  readonly reason: string;
  readonly evidence: Evidence;
}

/** Information that changes nothing: why a node was not skipped, budget arithmetic, ... */
export interface NoteDecision {
  readonly type: 'note';
  readonly policyId: string;
  /** null for a plan-level note. */
  readonly nodeId: string | null;
  readonly reason: string;
  readonly evidence: Evidence;
}

export type Decision = ActionDecision | PriorityDecision | ApprovalDecision | NoteDecision;

/** The plan as resolved so far: what a later stage sees. */
export interface Draft {
  action(nodeId: string): PlanAction;
  priority(nodeId: string): number;
  /** `action` of the node at a position in `dag.order` (no id lookup: for loops over big plans). */
  actionAt(position: number): PlanAction;
  priorityAt(position: number): number;
}

/** Whether a SKIPped node's existing relation can feed its downstream, and why. */
export interface Usability {
  readonly usable: boolean;
  readonly why: string;
}

export interface PolicyContext {
  readonly request: PlanRequest;
  readonly nowMs: number;
  readonly environment: PlanEnvironment;
  readonly graph: LogicalGraph;
  readonly manifest: Manifest;
  /** Plan node ids (selected, in the manifest, executable). */
  readonly planIds: ReadonlySet<string>;
  readonly dag: PlanDag;
  readonly history: HistoryIndex;
  readonly estimates: ReadonlyMap<string, Estimate>;
  /** The graph node of each plan node, by position in `dag.order`. */
  readonly planNodes: readonly GraphNode[];
  /** The estimate of the node at a position in `dag.order`. */
  estimateAt(position: number): Estimate;
  readonly named: ReadonlySet<string>;
  readonly fullRefresh: boolean;
  readonly draft: Draft;
  relationUsable(nodeId: string): Usability;
}

export interface Policy {
  /** Stable id (snake_case); cited in every decision and in the plan's `policies`. */
  readonly id: string;
  readonly stage: PolicyStage;
  readonly description: string;
  evaluate(context: PolicyContext): readonly Decision[];
}
