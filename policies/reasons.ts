/** Turns the decisions about one node into the plan's `reasons`: what won, what was overruled, notes. */
import type { NodeReason } from '../domain/plan/types';
import type { Resolution } from './resolve';
import type { Decision } from './types';

export function nodeReasons(resolution: Resolution, decisions: readonly Decision[]): NodeReason[] {
  const out: NodeReason[] = [];
  for (const d of decisions) {
    switch (d.type) {
      case 'action': {
        const voidedBy = resolution.voided.get(d);
        if (d === resolution.winner) {
          out.push({ policyId: d.policyId, action: d.action, outcome: 'applied', text: d.reason, evidence: d.evidence });
        } else if (voidedBy !== undefined) {
          out.push({ policyId: d.policyId, action: d.action, outcome: 'overruled', text: `${d.reason}; but upstream ${voidedBy} will run`, evidence: d.evidence });
        } else if (d.class !== 'default') {
          // The default RUN of a selected node is not worth a line when something else decided.
          out.push({
            policyId: d.policyId,
            action: d.action,
            outcome: 'overruled',
            text: `${d.reason}; overruled by ${resolution.winner.policyId} (${resolution.winner.class})`,
            evidence: d.evidence,
          });
        }
        break;
      }
      case 'priority':
        out.push({ policyId: d.policyId, action: null, outcome: 'applied', text: `priority ${d.priority}: ${d.reason}`, evidence: d.evidence });
        break;
      case 'note':
        out.push({ policyId: d.policyId, action: null, outcome: 'note', text: d.reason, evidence: d.evidence });
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
    out.push({ policyId: w.policyId, action: w.action, outcome: 'applied', text: w.reason, evidence: w.evidence });
  }
  return out;
}
