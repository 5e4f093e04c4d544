/** The plan's explanation: a few sentences a person reads before approving. */
import { formatSeconds, roundTo } from './estimate';
import type { ExecutionPlan, PlanNode, UnhashedPlan } from './types';

const MAX_LISTED = 5;

function listed(nodes: readonly PlanNode[]): string {
  const names = nodes.slice(0, MAX_LISTED).map((n) => n.uniqueId);
  const more = nodes.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

export function explainPlan(plan: Omit<UnhashedPlan, 'explanation'> | ExecutionPlan): string[] {
  const t = plan.totals;
  const lines: string[] = [];
  lines.push(
    `${t.nodes.total} node(s) in the plan for environment ${plan.environment.name}: ${t.nodes.RUN} RUN, ${t.nodes.PARTIAL} PARTIAL, ${t.nodes.SKIP} SKIP.`,
  );
  if (plan.selection.ignored.length > 0) {
    lines.push(`${plan.selection.ignored.length} selected id(s) are not executable or not in the manifest and are left out.`);
  }
  lines.push(
    `Estimated work ${formatSeconds(t.estimatedSeconds)}, about ${formatSeconds(t.makespanSeconds)} wall-clock at concurrency ${t.concurrency}; estimated cost ${roundTo(t.estimatedCost, 2)} at ${plan.settings.costRatePerHour}/h.`,
  );
  if (t.skippedSeconds > 0) lines.push(`Skipping saves an estimated ${formatSeconds(t.skippedSeconds)} of work.`);
  const partial = plan.nodes.filter((n) => n.action === 'PARTIAL');
  if (partial.length > 0) lines.push(`Partial runs (one partition range each): ${listed(partial)}.`);
  const forced = plan.nodes.filter((n) => n.reasons.some((r) => r.outcome === 'applied' && r.policyId === 'engine'));
  if (forced.length > 0) lines.push(`Held back because an upstream is skipped without a usable relation: ${listed(forced)}.`);
  for (const d of plan.decisions) lines.push(d.text);
  if (plan.approvals.required) {
    const rules = plan.approvals.rules.map((r) => `${r.count} × ${r.role} (${r.reason})`).join('; ');
    const sod = plan.approvals.separationOfDuties ? ' The requester cannot approve.' : '';
    lines.push(`Approval required: ${rules}.${sod}`);
  } else {
    lines.push('No approval required.');
  }
  return lines;
}
