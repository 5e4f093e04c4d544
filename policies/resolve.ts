/**
 * Resolves the action decisions of every plan node, in DAG order, by the precedence table; then
 * enforces the dependency rule: a node never runs on an upstream that is skipped and whose
 * existing relation is not usable.
 */
import type { PlanDag } from '../domain/plan/dag';
import type { PlanAction } from '../domain/plan/types';
import { strongest } from './precedence';
import type { ActionDecision, Usability } from './types';

export const ENGINE_POLICY_ID = 'engine';

export interface Resolution {
  readonly action: PlanAction;
  /** The decision that set the action. */
  readonly winner: ActionDecision;
  /** Conditional decisions that did not hold, with the upstream node that will run. */
  readonly voided: ReadonlyMap<ActionDecision, string>;
}

const runs = (a: PlanAction | undefined): boolean => a === 'RUN' || a === 'PARTIAL';

export function resolveActions(
  dag: PlanDag,
  decisions: ReadonlyMap<string, readonly ActionDecision[]>,
  relationUsable: (id: string) => Usability,
): Map<string, Resolution> {
  const out = new Map<string, Resolution>();
  for (const id of dag.order) {
    const upstream = dag.upstream.get(id) ?? [];
    const running = upstream.find((u) => runs(out.get(u)?.action));
    const voided = new Map<ActionDecision, string>();
    const applicable: ActionDecision[] = [];
    for (const d of decisions.get(id) ?? []) {
      if (d.condition === 'upstream_not_running' && running !== undefined) voided.set(d, running);
      else applicable.push(d);
    }
    let winner = strongest(applicable);
    if (winner === null) throw new Error(`unreachable: plan node ${id} has no action decision (the engine adds a default)`);
    if (runs(winner.action)) {
      const blocked = upstream.find((u) => out.get(u)?.action === 'SKIP' && !relationUsable(u).usable);
      if (blocked !== undefined) {
        winner = {
          type: 'action',
          policyId: ENGINE_POLICY_ID,
          nodeId: id,
          action: 'SKIP',
          class: 'dependency',
          reason: `upstream ${blocked} is skipped and has no usable relation (${relationUsable(blocked).why}), so this node cannot run`,
          evidence: { upstream: blocked },
        };
      }
    }
    out.set(id, { action: winner.action, winner, voided });
  }
  return out;
}
