/**
 * The policy registry: built-ins and plugins are registered here, never wired by conditionals.
 * The evaluation order is fixed by stage, then id, whatever the registration order.
 */
import { InputError } from '../domain/errors';
import { STAGES, type Policy } from './types';

const ID = /^[a-z][a-z0-9_]*$/;

export interface PolicyRegistry {
  /** Adds a policy; throws on a malformed or duplicate id (a set-once slot per id). */
  register(policy: Policy): PolicyRegistry;
  get(id: string): Policy | undefined;
  /** Every registered policy in evaluation order. */
  ordered(): readonly Policy[];
}

export function createPolicyRegistry(policies: readonly Policy[] = []): PolicyRegistry {
  const byId = new Map<string, Policy>();
  const registry: PolicyRegistry = {
    register(policy) {
      if (!ID.test(policy.id)) throw new InputError(`policy id "${policy.id}" must be snake_case`, 'invalid_policy');
      if (!STAGES.includes(policy.stage)) throw new InputError(`policy ${policy.id}: unknown stage "${String(policy.stage)}"`, 'invalid_policy');
      if (byId.has(policy.id)) throw new InputError(`policy ${policy.id} is already registered`, 'duplicate_policy');
      byId.set(policy.id, policy);
      return registry;
    },
    get: (id) => byId.get(id),
    ordered() {
      return [...byId.values()].sort((a, b) => {
        const s = STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage);
        return s !== 0 ? s : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      });
    },
  };
  for (const p of policies) registry.register(p);
  return registry;
}
