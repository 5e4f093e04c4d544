/** The built-in policies, and a registry holding them (plugins register more on it). */
import { createPolicyRegistry, type PolicyRegistry } from '../registry';
import type { Policy } from '../types';
import { limitCostBudget } from './limit-cost-budget';
import { partialByPartition } from './partial-by-partition';
import { prioritizeExposures } from './prioritize-exposures';
import { skipIfNoChange } from './skip-if-no-change';

export { limitCostBudget, partialByPartition, prioritizeExposures, skipIfNoChange };

export function builtinPolicies(): Policy[] {
  return [skipIfNoChange(), partialByPartition(), prioritizeExposures(), limitCostBudget()];
}

export function createDefaultRegistry(): PolicyRegistry {
  return createPolicyRegistry(builtinPolicies());
}
