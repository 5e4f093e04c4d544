/**
 * skip_if_no_change: SKIP a node whose definition is unchanged since its last successful run in
 * this environment (dbt's state:modified: body, config, relation, contract, macros, ...), whose
 * upstream neither changed nor will run, and whose sources have no fresher data. The SKIP is
 * conditional on no upstream plan node running; the engine checks that in DAG order.
 */
import type { DbtNode, Manifest } from '../../domain/artifacts/types';
import { compareNodes, isStateModified, type ChangeCategory } from '../../domain/diff/compare';
import { modifiedMacros } from '../../domain/diff/macros';
import type { LogicalGraph } from '../../domain/graph/types';
import type { IndexedRun } from '../../domain/plan/history';
import type { Evidence } from '../../domain/plan/types';
import type { Decision, Policy, PolicyContext } from '../types';

export const SKIP_IF_NO_CHANGE_ID = 'skip_if_no_change';

const MACROS_ONLY: ReadonlySet<ChangeCategory> = new Set<ChangeCategory>(['macros']);

/** The ephemeral models of a graph (few, usually none), found once per graph. */
const ephemeralsByGraph = new WeakMap<LogicalGraph, ReadonlySet<string>>();
function ephemeralModels(graph: LogicalGraph): ReadonlySet<string> {
  let set = ephemeralsByGraph.get(graph);
  if (set === undefined) {
    const found = new Set<string>();
    for (const [id, g] of graph.nodes) if (g.node.materialized === 'ephemeral' && g.node.kind === 'model') found.add(id);
    set = found;
    ephemeralsByGraph.set(graph, set);
  }
  return set;
}

const isEphemeralModel = (ctx: PolicyContext, id: string): boolean => {
  const ephemerals = ephemeralModels(ctx.graph);
  return ephemerals.size > 0 && ephemerals.has(id);
};

const NONE: readonly string[] = [];

/** The non-ephemeral nodes a node reads from, looking through ephemeral models (inlined by dbt). */
function inputsOf(ctx: PolicyContext, id: string): { inputs: readonly string[]; ephemerals: readonly string[] } {
  const parents = ctx.graph.parents(id);
  // Common case: no ephemeral parent, and the graph's parent list is already sorted and unique.
  if (!parents.some((p) => isEphemeralModel(ctx, p))) return { inputs: parents, ephemerals: NONE };
  const inputs = new Set<string>();
  const ephemerals = new Set<string>();
  const stack = [...parents];
  while (stack.length > 0) {
    const p = stack.pop() as string;
    if (isEphemeralModel(ctx, p)) {
      if (!ephemerals.has(p)) {
        ephemerals.add(p);
        stack.push(...ctx.graph.parents(p));
      }
    } else {
      inputs.add(p);
    }
  }
  return { inputs: [...inputs].sort(), ephemerals: [...ephemerals].sort() };
}

const startOf = (run: IndexedRun): number | null => run.startedMs ?? run.completedMs;

export function skipIfNoChange(): Policy {
  const macroCache = new WeakMap<Manifest, ReadonlySet<string>>();
  return {
    id: SKIP_IF_NO_CHANGE_ID,
    stage: 'action',
    description: 'Skip nodes unchanged since their last successful run whose upstream and sources bring nothing new.',
    evaluate(ctx) {
      const out: Decision[] = [];
      const changedMacros = (prev: Manifest): ReadonlySet<string> => {
        let set = macroCache.get(prev);
        if (set === undefined) {
          set = modifiedMacros(prev.macros, ctx.manifest.macros);
          macroCache.set(prev, set);
        }
        return set;
      };
      /** The state:modified categories of `id` between `prev` and the current manifest, or null when unchanged. */
      const memo = new Map<Manifest, Map<string, string | null>>();
      const modified = (id: string, current: DbtNode, prev: Manifest): string | null => {
        let byId = memo.get(prev);
        if (byId === undefined) {
          byId = new Map();
          memo.set(prev, byId);
        }
        const known = byId.get(id);
        if (known !== undefined) return known;
        const before = prev.nodes.get(id);
        let result: string | null = 'new';
        if (before === current) {
          // The very same definition object: only a macro it uses can have changed.
          const macros = changedMacros(prev);
          result = current.dependsOnMacros.some((m) => macros.has(m)) && isStateModified(current.kind, MACROS_ONLY) ? 'macros' : null;
        } else if (before !== undefined) {
          const changes = compareNodes(before, current, { modifiedMacros: changedMacros(prev) });
          result = isStateModified(current.kind, changes) ? [...changes].sort().join(', ') : null;
        }
        byId.set(id, result);
        return result;
      };
      // Runs share few (time, label, status) triples: one frozen evidence object each, not one per node.
      const evidenceCache = new Map<string | null, Map<string, Map<string, Evidence>>>();
      const evidenceOf = (last: IndexedRun): Evidence => {
        let byLabel = evidenceCache.get(last.completedAt);
        if (byLabel === undefined) evidenceCache.set(last.completedAt, (byLabel = new Map()));
        let byStatus = byLabel.get(last.label);
        if (byStatus === undefined) byLabel.set(last.label, (byStatus = new Map()));
        let e = byStatus.get(last.status);
        if (e === undefined) byStatus.set(last.status, (e = Object.freeze({ lastRun: last.completedAt, lastRunSource: last.label, lastStatus: last.status })));
        return e;
      };
      const note = (nodeId: string, reason: string, evidence: Evidence = {}): void => {
        out.push({ type: 'note', policyId: SKIP_IF_NO_CHANGE_ID, nodeId, reason: `not skipped: ${reason}`, evidence });
      };

      for (let pos = 0; pos < ctx.dag.order.length; pos++) {
        const id = ctx.dag.order[pos] as string;
        const current = ctx.planNodes[pos]?.node;
        if (current === undefined) continue;
        const last = ctx.history.lastSuccess(id);
        if (last === null) {
          note(id, 'no successful run on record in this environment');
          continue;
        }
        const lastEvidence = evidenceOf(last);
        if (last.manifest === null) {
          note(id, `the last successful run (${last.label}) has no recorded definition to compare with`, lastEvidence);
          continue;
        }
        const own = modified(id, current, last.manifest);
        if (own !== null) {
          note(id, `modified since its last successful run at ${last.completedAt ?? '?'} (${own})`, { changes: own, ...lastEvidence });
          continue;
        }
        const runStart = startOf(last);
        const { inputs, ephemerals } = inputsOf(ctx, id);
        let blocked: string | null = null;
        const freshness: string[] = [];
        for (const e of ephemerals) {
          const changed = modified(e, ctx.graph.get(e)?.node as DbtNode, last.manifest);
          if (changed !== null) blocked = `ephemeral upstream ${e} changed (${changed})`;
        }
        for (const p of inputs) {
          if (blocked !== null) break;
          const parent = ctx.graph.get(p)?.node;
          if (parent === undefined) continue;
          if (parent.kind === 'source') {
            const load = ctx.history.sourceLoad(p);
            if (load === null) freshness.push(`${p}: no freshness data`);
            else if (runStart !== null && load.ms > runStart) blocked = `source ${p} has fresher data (max_loaded_at ${load.maxLoadedAt} after the last run started at ${last.startedAt ?? last.completedAt})`;
            else freshness.push(`${p}: max_loaded_at ${load.maxLoadedAt}`);
            continue;
          }
          const changed = modified(p, parent, last.manifest);
          if (changed !== null) {
            blocked = `upstream ${p} changed since this node's last run (${changed})`;
            continue;
          }
          const parentLast = ctx.history.lastSuccess(p);
          if (parentLast !== null && runStart !== null && parentLast.completedMs !== null && parentLast.completedMs > runStart) {
            blocked = `upstream ${p} was rebuilt at ${parentLast.completedAt} after this node's last run started at ${last.startedAt ?? last.completedAt}`;
          }
        }
        if (blocked !== null) {
          note(id, blocked, lastEvidence);
          continue;
        }
        const checksum = current.checksum ? `${current.checksum.name}:${current.checksum.checksum.slice(0, 12)}` : 'none';
        out.push({
          type: 'action',
          policyId: SKIP_IF_NO_CHANGE_ID,
          nodeId: id,
          action: 'SKIP',
          class: 'automatic_skip',
          condition: 'upstream_not_running',
          // The last run, checksum and source freshness are in the evidence (short text, small plan).
          reason: 'unchanged since its last successful run; upstream unchanged',
          evidence: { checksum, ...lastEvidence, sources: freshness.join('; ') || null },
        });
      }
      return out;
    },
  };
}
