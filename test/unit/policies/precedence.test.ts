import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildPlan } from '../../../policies/engine';
import { createPolicyRegistry } from '../../../policies/registry';
import { createDefaultRegistry, skipIfNoChange } from '../../../policies/builtins';
import { PRECEDENCE } from '../../../policies/precedence';
import type { Policy } from '../../../policies/types';
import { chain, requestFor, succeeded } from '../plan/build';

const lines = ['seed.p.raw', 'model.p.stg <- seed.p.raw', 'model.p.mart <- model.p.stg'];
const project = chain(lines);
const history = { nodeRuns: succeeded(project, ['seed.p.raw', 'model.p.stg', 'model.p.mart'], '2026-11-21T00:00:00Z') };
const actionOf = (p: ReturnType<typeof buildPlan>, id: string) => p.nodes.find((n) => n.uniqueId === id)?.action;

/** A plugin that skips one node without any usable relation check. */
const skipper = (nodeId: string, cls: 'automatic_skip' | 'budget' = 'automatic_skip'): Policy => ({
  id: 'test_skipper',
  stage: 'action',
  description: 'test plugin',
  evaluate: () => [{ type: 'action', policyId: 'test_skipper', nodeId, action: 'SKIP', class: cls, reason: 'plugin says skip', evidence: {} }],
});

describe('precedence', () => {
  it('a node named by the user beats an automatic skip; full refresh beats it too', () => {
    const named = buildPlan(requestFor(project, { history, named: ['model.p.stg'] }), createDefaultRegistry());
    expect(lines.map((l) => actionOf(named, l.split(' ')[0] as string))).toEqual(['SKIP', 'RUN', 'RUN']);
    const stg = named.nodes.find((n) => n.uniqueId === 'model.p.stg');
    expect(stg?.reasons.find((r) => r.outcome === 'applied')?.text).toBe('named by the user in the selection');
    expect(stg?.reasons.find((r) => r.policyId === 'skip_if_no_change')?.outcome).toBe('overruled');

    const refresh = buildPlan(requestFor(project, { history, fullRefresh: true }), createDefaultRegistry());
    expect(refresh.nodes.map((n) => [n.action, n.fullRefresh])).toEqual([['RUN', true], ['RUN', true], ['RUN', true]]);
  });

  it('the dependency rule beats everything: nothing runs on a skipped upstream without a usable relation', () => {
    const p = buildPlan(requestFor(project, { named: ['model.p.mart'] }), createPolicyRegistry([skipper('model.p.stg')]));
    expect(p.nodes.map((n) => n.action)).toEqual(['RUN', 'SKIP', 'SKIP']);
    const mart = p.nodes.find((n) => n.uniqueId === 'model.p.mart');
    expect(mart?.reasons.find((r) => r.outcome === 'applied')).toMatchObject({
      policyId: 'engine',
      text: 'upstream model.p.stg is skipped and has no usable relation (no successful run on record and no relation in the catalog), so this node cannot run',
    });
    expect(p.explanation.join('\n')).toContain('Held back because an upstream is skipped without a usable relation: model.p.mart.');
  });

  it('a skipped upstream with a usable relation lets its downstream run', () => {
    const built = { nodeRuns: succeeded(project, ['model.p.stg'], '2026-11-21T00:00:00Z') };
    const p = buildPlan(requestFor(project, { history: built }), createPolicyRegistry([skipper('model.p.stg')]));
    expect(p.nodes.map((n) => n.action)).toEqual(['RUN', 'SKIP', 'RUN']);
  });

  it('docs/plans.md prints the same precedence table as the code', () => {
    const doc = readFileSync(path.join(__dirname, '../../../docs/plans.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| (\d+) \| `([a-z_]+)` \|/gm)].map((m) => [Number(m[1]), m[2]]);
    expect(rows).toEqual(PRECEDENCE.map((row, i) => [i + 1, row.class]));
  });
});

describe('policy registry', () => {
  it('orders policies by stage then id, whatever the registration order, and rejects duplicates', () => {
    const reg = createDefaultRegistry();
    expect(reg.ordered().map((p) => p.id)).toEqual(['partial_by_partition', 'skip_if_no_change', 'prioritize_exposures', 'limit_cost_budget']);
    expect(() => reg.register(skipIfNoChange())).toThrow('policy skip_if_no_change is already registered');
    expect(() => reg.register({ ...skipIfNoChange(), id: 'Bad-Id' })).toThrow('snake_case');
  });

  it('a plugin adds decisions through the same interface, and can require approvals', () => {
    const plugin: Policy = {
      id: 'require_owner_review',
      stage: 'approval',
      description: 'marts need their owner',
      evaluate: (ctx) => (ctx.draft.action('model.p.mart') === 'RUN' ? [{ type: 'approval', policyId: 'require_owner_review', role: 'mart-owner', count: 2, reason: 'a mart runs', evidence: {} }] : []),
    };
    const p = buildPlan(requestFor(project, { env: { protected: true, separationOfDuties: true } }), createDefaultRegistry().register(plugin));
    expect(p.policies).toContain('require_owner_review');
    expect(p.approvals).toEqual({
      required: true,
      separationOfDuties: true,
      requestedBy: 'alice',
      rules: [
        { role: 'admin', count: 1, policyId: 'environment', reason: 'environment prod is protected: every plan needs an approval' },
        { role: 'mart-owner', count: 2, policyId: 'require_owner_review', reason: 'a mart runs' },
      ],
    });
  });

  it('rejects a decision about a node that is not in the plan', () => {
    expect(() => buildPlan(requestFor(project), createPolicyRegistry([skipper('model.p.ghost')]))).toThrow('not in the plan');
  });

  it('an environment can disable policies', () => {
    const p = buildPlan(requestFor(project, { history, env: { enabledPolicies: ['limit_cost_budget'] } }), createDefaultRegistry());
    expect(p.policies).toEqual(['limit_cost_budget']);
    expect(p.nodes.every((n) => n.action === 'RUN')).toBe(true);
  });
});
