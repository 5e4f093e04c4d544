import { z } from 'zod';
import type { PlanEnvironment } from '../../domain/plan/context';
import type { Environment } from '../../store/types';
import { parseInput } from '../input';

/**
 * The planning settings an environment's `settings` may hold (other keys, e.g. secret references,
 * are left alone). Defaults match `sluice plan`'s offline defaults.
 */
export const planSettingsSchema = z.object({
  /** Nodes run at once. */
  concurrency: z.number().int().min(1).max(500).default(4),
  /** Warehouse cost per hour of node run time. */
  costRatePerHour: z.number().finite().min(0).default(0),
  /** Cost limit of one plan; null for none. */
  budget: z.number().finite().min(0).nullable().default(null),
  /** Over budget: `approve` needs an approval, `drop` drops the lowest-priority nodes. */
  budgetMode: z.enum(['approve', 'drop']).default('approve'),
  /** Every plan needs an approval. */
  protected: z.boolean().default(false),
  /** The role that approves plans here (viewer, editor or admin). */
  approverRole: z.enum(['viewer', 'editor', 'admin']).default('admin'),
  /** The requester of a plan cannot approve it. */
  separationOfDuties: z.boolean().default(false),
  /** Estimate of a node with no history, timing or statistics, seconds. */
  defaultEstimateSeconds: z.number().finite().min(0).default(60),
  /** Policy ids enabled here; null for every registered policy. */
  enabledPolicies: z.array(z.string().min(1)).nullable().default(null),
});

/** The environment as planning sees it; a bad setting is a 400 naming it. */
export function planEnvironmentOf(env: Environment): PlanEnvironment {
  const s = parseInput(planSettingsSchema, env.settings, `settings of environment ${env.name}`);
  return { id: env.id, name: env.name, ...s };
}
