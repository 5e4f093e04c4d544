/**
 * The policy engine: builds an ExecutionPlan from a request by applying the registered policies
 * stage by stage (action → priority → budget → approval), resolving conflicts with the precedence
 * table after each stage. Same request and registry, byte-identical plan and hash.
 */
import { InputError } from '../domain/errors';
import { sealPlan } from '../domain/plan/canonical';
import type { PlanRequest } from '../domain/plan/context';
import { dbtCommandFor, executableKind } from '../domain/plan/command';
import { explainPlan } from '../domain/plan/explain';
import { computeTotals } from '../domain/plan/totals';
import type { ExecutionPlan, NodeReason, PlanAction, PlanDecision, PlanNode, UnhashedPlan } from '../domain/plan/types';
import { collectApprovals } from './approvals';
import { derivePlanFacts, type PlanFacts } from './context';
import { nodeReasons } from './reasons';
import type { PolicyRegistry } from './registry';
import { ENGINE_POLICY_ID, resolveActions, type Resolution } from './resolve';
import { STAGES, type ActionDecision, type Decision, type PolicyContext } from './types';

export const SELECTION_POLICY_ID = 'selection';
export const USER_POLICY_ID = 'user';

/** Decisions the engine states itself: every node runs by default; explicit user choices. */
function baseDecisions(request: PlanRequest, facts: PlanFacts): Decision[] {
  const out: Decision[] = [];
  for (const id of facts.dag.order) {
    out.push({ type: 'action', policyId: SELECTION_POLICY_ID, nodeId: id, action: 'RUN', class: 'default', reason: 'selected', evidence: {} });
    if (facts.named.has(id)) {
      out.push({ type: 'action', policyId: USER_POLICY_ID, nodeId: id, action: 'RUN', class: 'explicit_node', reason: 'named by the user in the selection', evidence: {} });
    }
    if (request.selection.fullRefresh) {
      out.push({ type: 'action', policyId: USER_POLICY_ID, nodeId: id, action: 'RUN', class: 'explicit_refresh', reason: 'full refresh requested by the user', evidence: {} });
    }
  }
  return out;
}

/** A node that runs on a skipped upstream says why that upstream's relation is usable. */
function usableUpstreamNotes(id: string, r: Resolution, resolution: ReadonlyMap<string, Resolution>, facts: PlanFacts): NodeReason[] {
  if (r.action === 'SKIP') return [];
  const out: NodeReason[] = [];
  for (const u of facts.dag.upstream.get(id) ?? []) {
    if (resolution.get(u)?.action !== 'SKIP') continue;
    const why = facts.relationUsable(u).why;
    out.push({ policyId: ENGINE_POLICY_ID, action: null, outcome: 'note', text: `upstream ${u} is skipped; its existing relation is usable: ${why}`, evidence: { upstream: u } });
  }
  return out;
}

function checkDecision(d: Decision, facts: PlanFacts): void {
  if ((d.type === 'action' || d.type === 'priority' || (d.type === 'note' && d.nodeId !== null)) && !facts.planIds.has(d.nodeId as string)) {
    throw new InputError(`policy ${d.policyId} decided about ${String(d.nodeId)}, which is not in the plan`, 'invalid_decision');
  }
  if (d.type === 'priority' && !Number.isFinite(d.priority)) throw new InputError(`policy ${d.policyId}: priority must be finite`, 'invalid_decision');
  if (d.type === 'approval' && !(Number.isInteger(d.count) && d.count >= 1)) throw new InputError(`policy ${d.policyId}: approval count must be an integer ≥ 1`, 'invalid_decision');
}

export function buildPlan(request: PlanRequest, registry: PolicyRegistry): ExecutionPlan {
  const facts = derivePlanFacts(request);
  const env = request.environment;
  const enabled = env.enabledPolicies ?? null;
  const policies = registry.ordered().filter((p) => enabled === null || enabled.includes(p.id));

  const decisions: Decision[] = baseDecisions(request, facts);
  const actionsByNode = new Map<string, ActionDecision[]>();
  const priorities = new Map<string, number>();
  const addDecision = (d: Decision): void => {
    if (d.type === 'action') {
      const list = actionsByNode.get(d.nodeId) ?? [];
      list.push(d);
      actionsByNode.set(d.nodeId, list);
    } else if (d.type === 'priority') {
      priorities.set(d.nodeId, Math.max(priorities.get(d.nodeId) ?? 0, d.priority));
    }
  };
  decisions.forEach(addDecision);
  let resolution: Map<string, Resolution> = resolveActions(facts.dag, actionsByNode, facts.relationUsable);

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
    named: facts.named,
    fullRefresh: request.selection.fullRefresh,
    relationUsable: facts.relationUsable,
    draft: {
      action: (id) => resolution.get(id)?.action ?? 'SKIP',
      priority: (id) => priorities.get(id) ?? 0,
    },
  };

  for (const stage of STAGES) {
    for (const policy of policies.filter((p) => p.stage === stage)) {
      for (const d of policy.evaluate(context)) {
        checkDecision(d, facts);
        decisions.push(d);
        addDecision(d);
      }
    }
    resolution = resolveActions(facts.dag, actionsByNode, facts.relationUsable);
  }

  const byNode = new Map<string, Decision[]>();
  const planDecisions: PlanDecision[] = [];
  for (const d of decisions) {
    if (d.type === 'approval') continue;
    if (d.type === 'note' && d.nodeId === null) {
      planDecisions.push({ policyId: d.policyId, text: d.reason, evidence: d.evidence });
      continue;
    }
    const id = d.nodeId as string;
    const list = byNode.get(id) ?? [];
    list.push(d);
    byNode.set(id, list);
  }

  const actions = new Map<string, PlanAction>();
  const nodes: PlanNode[] = facts.dag.order.map((id) => {
    const r = resolution.get(id) as Resolution;
    const graphNode = request.graph.get(id);
    if (graphNode === undefined) throw new Error(`unreachable: plan node ${id} left the graph`);
    const kind = executableKind(graphNode.kind);
    if (kind === null) throw new Error(`unreachable: plan node ${id} is not executable`);
    actions.set(id, r.action);
    const partition = r.action === 'PARTIAL' ? (r.winner.partition ?? null) : null;
    return {
      uniqueId: id,
      nodeUuid: graphNode.nodeUuid,
      kind: graphNode.kind,
      name: graphNode.node.name,
      action: r.action,
      command: dbtCommandFor(kind),
      // dbt's --full-refresh only changes incremental models and seeds.
      fullRefresh: request.selection.fullRefresh && r.action === 'RUN' && (kind === 'model' || kind === 'seed'),
      vars: partition?.vars ?? {},
      partition: partition?.range ?? null,
      priority: priorities.get(id) ?? 0,
      upstream: facts.dag.upstream.get(id) ?? [],
      estimate: facts.estimates.get(id) as PlanNode['estimate'],
      reasons: [...nodeReasons(r, byNode.get(id) ?? []), ...usableUpstreamNotes(id, r, resolution, facts)],
    };
  });

  const totals = computeTotals({ dag: facts.dag, actions, estimates: facts.estimates, priorities, concurrency: env.concurrency, budget: env.budget });
  const approvals = collectApprovals(request, decisions);
  const draft: Omit<UnhashedPlan, 'explanation'> = {
    formatVersion: 1,
    id: request.planId,
    projectId: request.graph.projectId,
    environment: { id: env.id, name: env.name },
    createdAt: request.now,
    requestedBy: request.requestedBy,
    selection: {
      select: request.selection.select,
      exclude: request.selection.exclude,
      named: [...facts.named].sort(),
      fullRefresh: request.selection.fullRefresh,
      ignored: facts.ignored,
    },
    settings: {
      concurrency: env.concurrency,
      costRatePerHour: env.costRatePerHour,
      budget: env.budget,
      budgetMode: env.budgetMode,
      defaultEstimateSeconds: env.defaultEstimateSeconds,
    },
    policies: policies.map((p) => p.id),
    nodes,
    totals,
    approvals,
    decisions: planDecisions,
  };
  return sealPlan({ ...draft, explanation: explainPlan(draft) });
}
