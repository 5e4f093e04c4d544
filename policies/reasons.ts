/** Turns the decisions about one node into the plan's `reasons`: what won, what was overruled, notes. */
import type { Evidence, NodeReason, PlanAction } from '../domain/plan/types';
import type { Resolution } from './resolve';
import type { Decision } from './types';

/** `evidence` with its keys in canonical order (a copy only when they are not), so the plan hashes fast. */
export function sortedEvidence(evidence: Evidence): Evidence {
  let previous: string | null = null;
  let sorted = true;
  for (const key in evidence) {
    if (previous !== null && previous >= key) {
      sorted = false;
      break;
    }
    previous = key;
  }
  if (sorted) return evidence;
  const out: Record<string, Evidence[string]> = {};
  for (const key of Object.keys(evidence).sort()) out[key] = evidence[key] as Evidence[string];
  return out;
}

/** A reason with its keys in canonical order. */
export function reason(policyId: string, action: PlanAction | null, outcome: NodeReason['outcome'], text: string, evidence: Evidence): NodeReason {
  return { action, evidence: sortedEvidence(evidence), outcome, policyId, text };
}

/**
 * Reasons that repeat on many nodes with no evidence (the default `selected`, user choices) are
 * shared frozen objects per plan: a 100k-node plan then holds a few of them, not 100k.
 */
export type ReasonCache = Map<string, NodeReason>;

function sharedReason(cache: ReasonCache | undefined, policyId: string, action: PlanAction | null, outcome: NodeReason['outcome'], text: string, evidence: Evidence): NodeReason {
  if (cache === undefined || !Object.isFrozen(evidence) || Object.keys(evidence).length > 0) return reason(policyId, action, outcome, text, evidence);
  const key = `${policyId}\u0000${String(action)}\u0000${outcome}\u0000${text}`;
  let r = cache.get(key);
  if (r === undefined) cache.set(key, (r = Object.freeze(reason(policyId, action, outcome, text, evidence))));
  return r;
}

export function nodeReasons(resolution: Resolution, decisions: readonly Decision[], cache?: ReasonCache): NodeReason[] {
  const out: NodeReason[] = [];
  for (const d of decisions) {
    switch (d.type) {
      case 'action': {
        const voidedBy = resolution.voided.get(d);
        if (d === resolution.winner) {
          out.push(sharedReason(cache, d.policyId, d.action, 'applied', d.reason, d.evidence));
        } else if (voidedBy !== undefined) {
          out.push(reason(d.policyId, d.action, 'overruled', `${d.reason}; but upstream ${voidedBy} will run`, d.evidence));
        } else if (d.class !== 'default') {
          // The default RUN of a selected node is not worth a line when something else decided.
          out.push(reason(d.policyId, d.action, 'overruled', `${d.reason}; overruled by ${resolution.winner.policyId} (${resolution.winner.class})`, d.evidence));
        }
        break;
      }
      case 'priority':
        out.push(reason(d.policyId, null, 'applied', `priority ${d.priority}: ${d.reason}`, d.evidence));
        break;
      case 'note':
        out.push(reason(d.policyId, null, 'note', d.reason, d.evidence));
        break;
      case 'approval':
        break;
      default: {
        const unreachable: never = d;
        throw new Error(`unreachable decision ${JSON.stringify(unreachable)}`);
      }
    }
  }
  // The engine's dependency rule is not among the policies' decisions: it is the resolution itself.
  if (resolution.winner.class === 'dependency') {
    const w = resolution.winner;
    out.push(reason(w.policyId, w.action, 'applied', w.reason, w.evidence));
  }
  return out;
}
