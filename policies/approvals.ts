/** Required approvals: a protected environment, and approval decisions from any policy. */
import type { PlanRequest } from '../domain/plan/context';
import type { ApprovalRule, PlanApprovals } from '../domain/plan/types';
import type { Decision } from './types';

export const ENVIRONMENT_POLICY_ID = 'environment';

export function collectApprovals(request: PlanRequest, decisions: readonly Decision[]): PlanApprovals {
  const env = request.environment;
  const rules: ApprovalRule[] = [];
  if (env.protected) {
    rules.push({ role: env.approverRole, count: 1, policyId: ENVIRONMENT_POLICY_ID, reason: `environment ${env.name} is protected: every plan needs an approval` });
  }
  for (const d of decisions) {
    if (d.type === 'approval') rules.push({ role: d.role, count: d.count, policyId: d.policyId, reason: d.reason });
  }
  return {
    required: rules.length > 0,
    rules,
    separationOfDuties: env.separationOfDuties,
    requestedBy: request.requestedBy,
  };
}
