/**
 * Rerun from failure: a new plan, from a finished run of `plan`, holding only the nodes that failed
 * or never finished. Upstream edges are re-derived through the nodes left out (they succeeded), so
 * the order among the kept nodes is the original one.
 */
import { computeTotals } from '../../domain/plan/totals';
import type { ExecutionPlan, PlanAction, PlanNode, UnhashedPlan } from '../../domain/plan/types';
import { needsRerun, type NodeState } from './types';

export interface RerunOptions {
  readonly id: string;
  /** ISO time of the new plan (passed in: no clock here). */
  readonly createdAt: string;
  readonly requestedBy: string | null;
  /** The run being rerun, for the explanation. */
  readonly fromRunId: string;
}

/** Returns the unsealed rerun plan (seal it with `sealPlan`), or null when nothing needs a rerun. */
export function rerunFromFailure(
  plan: ExecutionPlan,
  states: Readonly<Record<string, NodeState>>,
  options: RerunOptions,
): UnhashedPlan | null {
  const keep = new Set(plan.nodes.filter((n) => needsRerun(states[n.uniqueId] ?? 'not_run')).map((n) => n.uniqueId));
  if (keep.size === 0) return null;
  const nearest = new Map<string, readonly string[]>();
  // Plan order is topological, so every upstream's answer is known before it is needed.
  for (const n of plan.nodes) {
    const found = new Set<string>();
    for (const u of n.upstream) {
      if (keep.has(u)) found.add(u);
      else for (const v of nearest.get(u) ?? []) found.add(v);
    }
    nearest.set(n.uniqueId, [...found].sort());
  }
  const nodes: PlanNode[] = plan.nodes
    .filter((n) => keep.has(n.uniqueId))
    .map((n) => ({ ...n, upstream: nearest.get(n.uniqueId) ?? [] }));

  const order = nodes.map((n) => n.uniqueId);
  const upstream = new Map(nodes.map((n) => [n.uniqueId, n.upstream]));
  const downstream = new Map<string, string[]>(order.map((id) => [id, []]));
  for (const n of nodes) for (const u of n.upstream) downstream.get(u)?.push(n.uniqueId);
  const totals = computeTotals({
    dag: { order, upstream, downstream },
    actions: new Map<string, PlanAction>(nodes.map((n) => [n.uniqueId, n.action])),
    estimates: new Map(nodes.map((n) => [n.uniqueId, n.estimate])),
    priorities: new Map(nodes.map((n) => [n.uniqueId, n.priority])),
    concurrency: plan.settings.concurrency,
    budget: plan.settings.budget,
  });
  const { hash: _old, ...rest } = plan;
  return {
    ...rest,
    id: options.id,
    createdAt: options.createdAt,
    requestedBy: options.requestedBy,
    selection: { ...rest.selection, named: order },
    nodes,
    totals,
    approvals: { ...rest.approvals, requestedBy: options.requestedBy },
    decisions: [
      ...rest.decisions,
      {
        policyId: 'rerun_from_failure',
        text: `rerun of run ${options.fromRunId}: ${nodes.length} of ${plan.nodes.length} nodes failed or did not run`,
        evidence: { fromRunId: options.fromRunId, fromPlanHash: plan.hash, nodes: nodes.length },
      },
    ],
    explanation: [`Rerun from failure of run ${options.fromRunId} (plan ${plan.hash.slice(0, 12)}): ${nodes.length} nodes.`, ...rest.explanation],
  };
}

