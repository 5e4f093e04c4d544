import type { ExecutionPlan } from '../../domain/plan/types';
import type { RunnableNode } from './types';

/** The plan's nodes as the interpreter walks them (plan order kept; upstream ids become indices). */
export function toRunnableNodes(plan: Pick<ExecutionPlan, 'nodes'>): RunnableNode[] {
  const index = new Map<string, number>();
  plan.nodes.forEach((n, i) => index.set(n.uniqueId, i));
  return plan.nodes.map((n) => ({
    id: n.uniqueId,
    uuid: n.nodeUuid,
    kind: n.kind,
    action: n.action,
    command: n.command,
    fullRefresh: n.fullRefresh,
    vars: n.vars,
    priority: n.priority,
    up: n.upstream.map((u) => {
      const at = index.get(u);
      if (at === undefined) throw new Error(`plan node ${n.uniqueId} names upstream ${u}, which is not in the plan`);
      return at;
    }),
    seconds: n.action === 'SKIP' ? 0 : Math.max(0, n.estimate.seconds),
  }));
}
