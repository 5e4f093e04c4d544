/**
 * The policy engine: builds an ExecutionPlan from a request by applying the registered policies
 * stage by stage (action → priority → budget → approval), resolving conflicts with the precedence
 * table after each stage. Same request and registry, byte-identical plan and hash.
 *
 * Plan objects are built with their keys in canonical (sorted) order, so sealing hashes them with
 * the native JSON writer (see domain/plan/canonical.ts).
 */
import { InputError } from '../domain/errors';
import { sealPlan } from '../domain/plan/canonical';
import type { PlanRequest } from '../domain/plan/context';
import { dbtCommandFor, executableKind } from '../domain/plan/command';
import { indexDag } from '../domain/plan/dag';
import { explainPlan } from '../domain/plan/explain';
import { computeTotalsByPosition } from '../domain/plan/totals';
import type { ExecutionPlan, NodeReason, PlanDecision, PlanNode, UnhashedPlan } from '../domain/plan/types';
import { collectApprovals } from './approvals';
import { derivePlanFacts, type PlanFacts } from './context';
import { nodeReasons, reason, sortedEvidence, type ReasonCache } from './reasons';
import type { PolicyRegistry } from './registry';
import { createResolver, ENGINE_POLICY_ID, type Resolution } from './resolve';
import { STAGES, type ActionDecision, type ApprovalDecision, type Decision, type PolicyContext } from './types';

export const SELECTION_POLICY_ID = 'selection';
export const USER_POLICY_ID = 'user';

const NO_EVIDENCE = Object.freeze({});

/** Decisions the engine states itself: every node runs by default; explicit user choices. */
function baseDecisions(request: PlanRequest, facts: PlanFacts, add: (d: ActionDecision, pos: number) => void): void {
  facts.dag.order.forEach((id, pos) => {
    add({ type: 'action', policyId: SELECTION_POLICY_ID, nodeId: id, action: 'RUN', class: 'default', reason: 'selected', evidence: NO_EVIDENCE }, pos);
    if (facts.named.has(id)) {
      add({ type: 'action', policyId: USER_POLICY_ID, nodeId: id, action: 'RUN', class: 'explicit_node', reason: 'named by the user in the selection', evidence: NO_EVIDENCE }, pos);
    }
    if (request.selection.fullRefresh) {
      add({ type: 'action', policyId: USER_POLICY_ID, nodeId: id, action: 'RUN', class: 'explicit_refresh', reason: 'full refresh requested by the user', evidence: NO_EVIDENCE }, pos);
    }
  });
}

/** Validates a policy's decision; returns the position of the node it is about, or -1 for none. */
function checkDecision(d: Decision, positionOf: (id: string) => number | undefined): number {
  let pos = -1;
  if (d.type === 'action' || d.type === 'priority' || (d.type === 'note' && d.nodeId !== null)) {
    const p = positionOf(d.nodeId as string);
    if (p === undefined) throw new InputError(`policy ${d.policyId} decided about ${String(d.nodeId)}, which is not in the plan`, 'invalid_decision');
    pos = p;
  }
  if (d.type === 'priority' && !Number.isFinite(d.priority)) throw new InputError(`policy ${d.policyId}: priority must be finite`, 'invalid_decision');
  if (d.type === 'approval' && !(Number.isInteger(d.count) && d.count >= 1)) throw new InputError(`policy ${d.policyId}: approval count must be an integer ≥ 1`, 'invalid_decision');
  return pos;
}

export function buildPlan(request: PlanRequest, registry: PolicyRegistry): ExecutionPlan {
  const facts = derivePlanFacts(request);
  const env = request.environment;
  const enabled = env.enabledPolicies ?? null;
  const policies = registry.ordered().filter((p) => enabled === null || enabled.includes(p.id));
  const dag = indexDag(facts.dag);
  const n = dag.order.length;

  // Per node (by position in DAG order), every decision about it in evaluation order.
  const byNode: Decision[][] = Array.from({ length: n }, () => []);
  const priorities = new Float64Array(n);
  const planDecisions: PlanDecision[] = [];
  const approvals: ApprovalDecision[] = [];
  const resolver = createResolver(facts.dag, facts.relationUsable);
  /** Records a decision; `pos` is the position of the node it is about (-1 for none). */
  const addDecision = (d: Decision, pos: number): void => {
    switch (d.type) {
      case 'action':
        (byNode[pos] as Decision[]).push(d);
        resolver.addAt(pos, d);
        return;
      case 'priority':
        (byNode[pos] as Decision[]).push(d);
        priorities[pos] = Math.max(priorities[pos] as number, d.priority);
        return;
      case 'note':
        if (d.nodeId === null) planDecisions.push({ evidence: sortedEvidence(d.evidence), policyId: d.policyId, text: d.reason });
        else (byNode[pos] as Decision[]).push(d);
        return;
      case 'approval':
        approvals.push(d);
        return;
      default: {
        const unreachable: never = d;
        throw new Error(`unreachable decision ${JSON.stringify(unreachable)}`);
      }
    }
  };
  baseDecisions(request, facts, addDecision);
  resolver.resolve();

  const context: PolicyContext = {
    request,
    nowMs: facts.nowMs,
    environment: env,
    graph: request.graph,
    manifest: request.manifest,
    planIds: facts.planIds,
    dag: facts.dag,
    history: facts.history,
    estimates: facts.estimates,
    planNodes: facts.planNodes,
    estimateAt: facts.estimateAt,
    named: facts.named,
    fullRefresh: request.selection.fullRefresh,
    relationUsable: facts.relationUsable,
    draft: {
      action: (id) => resolver.action(id),
      priority: (id) => {
        const pos = dag.positionOf(id);
        return pos === undefined ? 0 : (priorities[pos] as number);
      },
      actionAt: (pos) => resolver.at(pos).action,
      priorityAt: (pos) => priorities[pos] ?? 0,
    },
  };

  for (const stage of STAGES) {
    for (const policy of policies.filter((p) => p.stage === stage)) {
      for (const d of policy.evaluate(context)) addDecision(d, checkDecision(d, dag.positionOf));
    }
    resolver.resolve();
  }

  const reasonCache: ReasonCache = new Map();
  const nodes: PlanNode[] = dag.order.map((id, pos) => {
    const r = resolver.at(pos);
    const graphNode = facts.planNodes[pos];
    if (graphNode === undefined) throw new Error(`unreachable: plan node ${id} left the graph`);
    const kind = executableKind(graphNode.kind);
    if (kind === null) throw new Error(`unreachable: plan node ${id} is not executable`);
    const partition = r.action === 'PARTIAL' ? (r.winner.partition ?? null) : null;
    const reasons = nodeReasons(r, byNode[pos] as Decision[], reasonCache);
    usableUpstreamNotes(pos, r, resolver.at, facts, reasons);
    // Keys in canonical (sorted) order.
    return {
      action: r.action,
      command: dbtCommandFor(kind),
      estimate: facts.estimateAt(pos),
      // dbt's --full-refresh only changes incremental models and seeds.
      fullRefresh: request.selection.fullRefresh && r.action === 'RUN' && (kind === 'model' || kind === 'seed'),
      kind: graphNode.kind,
      name: graphNode.node.name,
      nodeUuid: graphNode.nodeUuid,
      partition: partition === null ? null : sortedPartition(partition.range),
      priority: priorities[pos] as number,
      reasons,
      uniqueId: id,
      upstream: facts.dag.upstream.get(id) ?? [],
      vars: partition === null ? NO_EVIDENCE : sortedVars(partition.vars),
    };
  });

  const totals = computeTotalsByPosition({
    dag: facts.dag,
    action: (pos) => (nodes[pos] as PlanNode).action,
    estimate: (pos) => (nodes[pos] as PlanNode).estimate,
    priority: (pos) => priorities[pos] as number,
    concurrency: env.concurrency,
    budget: env.budget,
  });
  const draft: Omit<UnhashedPlan, 'explanation'> = {
    approvals: collectApprovals(request, approvals),
    createdAt: request.now,
    decisions: planDecisions,
    environment: { id: env.id, name: env.name },
    formatVersion: 1,
    id: request.planId,
    nodes,
    policies: policies.map((p) => p.id),
    projectId: request.graph.projectId,
    requestedBy: request.requestedBy,
    selection: {
      exclude: request.selection.exclude,
      fullRefresh: request.selection.fullRefresh,
      ignored: facts.ignored,
      named: [...facts.named].sort(),
      select: request.selection.select,
    },
    settings: {
      budget: env.budget,
      budgetMode: env.budgetMode,
      concurrency: env.concurrency,
      costRatePerHour: env.costRatePerHour,
      defaultEstimateSeconds: env.defaultEstimateSeconds,
    },
    totals,
  };
  const { approvals: a, createdAt, decisions, environment, formatVersion, id, ...rest } = draft;
  return sealPlan({ approvals: a, createdAt, decisions, environment, explanation: explainPlan(draft), formatVersion, id, ...rest });
}

/** A node that runs on a skipped upstream says why that upstream's relation is usable (evidence names it). */
function usableUpstreamNotes(pos: number, r: Resolution, at: (p: number) => Resolution, facts: PlanFacts, out: NodeReason[]): void {
  if (r.action === 'SKIP') return;
  const dag = indexDag(facts.dag);
  for (const u of dag.up[pos] as readonly number[]) {
    if (at(u).action !== 'SKIP') continue;
    const upId = dag.order[u] as string;
    const why = facts.relationUsable(upId).why;
    out.push(reason(ENGINE_POLICY_ID, null, 'note', `skipped upstream; its existing relation is usable: ${why}`, { upstream: upId }));
  }
}

function sortedPartition(range: NonNullable<PlanNode['partition']>): PlanNode['partition'] {
  return { column: range.column, end: range.end, granularity: range.granularity, lookback: range.lookback, start: range.start };
}

function sortedVars(vars: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  return sortedEvidence(vars) as Readonly<Record<string, string>>;
}
