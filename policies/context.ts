/** Validates a plan request and derives what every policy needs (plan node set, DAG, history, estimates). */
import { InputError } from '../domain/errors';
import { executableKind } from '../domain/plan/command';
import type { PlanEnvironment, PlanRequest } from '../domain/plan/context';
import { buildPlanDag, indexDag, IndexedMap, type PlanDag } from '../domain/plan/dag';
import { estimateNode } from '../domain/plan/estimate';
import { buildHistoryIndex, isoMs, type HistoryIndex } from '../domain/plan/history';
import type { GraphNode } from '../domain/graph/types';
import type { Estimate } from '../domain/plan/types';
import type { Usability } from './types';
import { relationUsability } from './usability';

export interface PlanFacts {
  readonly nowMs: number;
  readonly planIds: ReadonlySet<string>;
  readonly ignored: readonly string[];
  readonly named: ReadonlySet<string>;
  readonly dag: PlanDag;
  readonly history: HistoryIndex;
  readonly estimates: ReadonlyMap<string, Estimate>;
  /** The estimate of the node at a position in DAG order. */
  estimateAt(pos: number): Estimate;
  /** The graph node of each plan node, by position in DAG order. */
  readonly planNodes: readonly GraphNode[];
  relationUsable(id: string): Usability;
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new InputError(message, 'invalid_plan_request');
}

export function validateEnvironment(env: PlanEnvironment): void {
  check(Number.isInteger(env.concurrency) && env.concurrency >= 1, `environment ${env.name}: concurrency must be an integer ≥ 1 (got ${env.concurrency})`);
  check(Number.isFinite(env.costRatePerHour) && env.costRatePerHour >= 0, `environment ${env.name}: costRatePerHour must be a number ≥ 0`);
  check(env.budget === null || (Number.isFinite(env.budget) && env.budget >= 0), `environment ${env.name}: budget must be null or a number ≥ 0`);
  check(env.budgetMode === 'approve' || env.budgetMode === 'drop', `environment ${env.name}: budgetMode must be approve or drop`);
  check(Number.isFinite(env.defaultEstimateSeconds) && env.defaultEstimateSeconds >= 0, `environment ${env.name}: defaultEstimateSeconds must be ≥ 0`);
  check(env.approverRole.trim() !== '', `environment ${env.name}: approverRole must not be empty`);
}

export function derivePlanFacts(request: PlanRequest): PlanFacts {
  validateEnvironment(request.environment);
  const nowMs = isoMs(request.now);
  if (nowMs === null) throw new InputError(`now must be an ISO-8601 instant (got "${request.now}")`, 'invalid_plan_request');

  const { graph } = request;
  const planIds = new Set<string>();
  const ignored: string[] = [];
  for (const id of [...new Set(request.selection.selected)].sort()) {
    const node = graph.get(id);
    // A plan never contains a node the manifest does not have, nor one dbt does not execute
    // (ephemeral models included: dbt inlines them into their dependents and never runs them).
    if (node !== undefined && executableKind(node.kind) !== null && node.node.materialized !== 'ephemeral') planIds.add(id);
    else ignored.push(id);
  }
  const named = new Set(request.selection.named.filter((id) => planIds.has(id)));
  const dag = buildPlanDag(graph, planIds);
  const history = buildHistoryIndex(request.history);
  const env = request.environment;
  const indexed = indexDag(dag);
  const options = { costRatePerHour: env.costRatePerHour, defaultEstimateSeconds: env.defaultEstimateSeconds };
  const estimateList = dag.order.map((id) => estimateNode(id, history, options));
  const estimates = new IndexedMap<Estimate>(dag.order, estimateList, indexed.positionOf);
  // Memoized by plan position (every id asked about is a plan node's upstream), else by id.
  const byPosition: (Usability | undefined)[] = new Array<Usability | undefined>(dag.order.length);
  const byId = new Map<string, Usability>();
  const relationUsable = (id: string): Usability => {
    const pos = indexed.positionOf(id);
    let u = pos === undefined ? byId.get(id) : byPosition[pos];
    if (u === undefined) {
      u = relationUsability(graph.get(id)?.node, history);
      if (pos === undefined) byId.set(id, u);
      else byPosition[pos] = u;
    }
    return u;
  };
  const estimateAt = (pos: number): Estimate => estimateList[pos] as Estimate;
  const planNodes = dag.order.map((id) => graph.get(id) as GraphNode);
  return { nowMs, planIds, ignored, named, dag, history, estimates, estimateAt, planNodes, relationUsable };
}
