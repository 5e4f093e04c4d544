/** Required approvals: a protected environment, and approval decisions from any policy. */
import type { PlanRequest } from '../domain/plan/context';
import type { ApprovalRule, PlanApprovals } from '../domain/plan/types';
import type { Decision } from './types';

export const ENVIRONMENT_POLICY_ID = 'environment';

export function collectApprovals(request: PlanRequest, decisions: readonly Decision[]): PlanApprovals {
  const env = request.environment;
  const rules: ApprovalRule[] = [];
  if (env.protected) {
    rules.push({ count: 1, policyId: ENVIRONMENT_POLICY_ID, reason: `environment ${env.name} is protected: every plan needs an approval`, role: env.approverRole });
  }
  for (const d of decisions) {
    if (d.type === 'approval') rules.push({ count: d.count, policyId: d.policyId, reason: d.reason, role: d.role });
  }
  // Keys in canonical (sorted) order.
  return {
    requestedBy: request.requestedBy,
    required: rules.length > 0,
    rules,
    separationOfDuties: env.separationOfDuties,
  };
}
