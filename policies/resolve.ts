/**
 * Resolves the action decisions of every plan node, in DAG order, by the precedence table; then
 * enforces the dependency rule: a node never runs on an upstream that is skipped and whose
 * existing relation is not usable.
 *
 * A node's resolution depends only on its own decisions and the actions of its upstream, so after
 * a stage only nodes that got new decisions, and the downstream of nodes whose action changed,
 * are resolved again (`createResolver`); the result equals resolving everything.
 */
import { indexDag, type IndexedDag, type PlanDag } from '../domain/plan/dag';
import type { PlanAction } from '../domain/plan/types';
import { strongest } from './precedence';
import type { ActionDecision, Usability } from './types';

export const ENGINE_POLICY_ID = 'engine';

export interface Resolution {
  readonly action: PlanAction;
  /** The decision that set the action. */
  readonly winner: ActionDecision;
  /** Conditional decisions that did not hold, with the upstream node that will run. */
  readonly voided: ReadonlyMap<ActionDecision, string>;
}

const runs = (a: PlanAction | undefined): boolean => a === 'RUN' || a === 'PARTIAL';
const NONE: ReadonlyMap<ActionDecision, string> = new Map();

/** The resolution of the node at `pos`, given the resolutions of its upstream. */
function resolveOne(
  dag: IndexedDag,
  pos: number,
  decisions: readonly ActionDecision[],
  actionAt: (p: number) => PlanAction | undefined,
  relationUsable: (id: string) => Usability,
): Resolution {
  const id = dag.order[pos] as string;
  const up = dag.up[pos] as readonly number[];
  let running = -1;
  for (const u of up) {
    if (runs(actionAt(u))) {
      running = u;
      break;
    }
  }
  let voided: Map<ActionDecision, string> | null = null;
  let applicable: readonly ActionDecision[] = decisions;
  if (running >= 0 && decisions.some((d) => d.condition === 'upstream_not_running')) {
    voided = new Map();
    const kept: ActionDecision[] = [];
    for (const d of decisions) {
      if (d.condition === 'upstream_not_running') voided.set(d, dag.order[running] as string);
      else kept.push(d);
    }
    applicable = kept;
  }
  let winner = strongest(applicable);
  if (winner === null) throw new Error(`unreachable: plan node ${id} has no action decision (the engine adds a default)`);
  if (runs(winner.action)) {
    let blocked: string | undefined;
    for (const u of up) {
      if (actionAt(u) !== 'SKIP') continue;
      const upId = dag.order[u] as string;
      if (!relationUsable(upId).usable) {
        blocked = upId;
        break;
      }
    }
    if (blocked !== undefined) {
      winner = {
        type: 'action',
        policyId: ENGINE_POLICY_ID,
        nodeId: id,
        action: 'SKIP',
        class: 'dependency',
        reason: `upstream ${blocked} is skipped and has no usable relation (${relationUsable(blocked).why}), so this node cannot run`,
        evidence: { upstream: blocked },
      };
    }
  }
  return { action: winner.action, winner, voided: voided ?? NONE };
}

export interface Resolver {
  /** Adds an action decision about a plan node (evaluation order is kept). */
  add(decision: ActionDecision): void;
  /** `add` for a decision whose node is at `pos` (no id lookup). */
  addAt(pos: number, decision: ActionDecision): void;
  /** Brings every resolution up to date with the decisions added so far. */
  resolve(): void;
  /** The current resolution of the node at `pos` (after `resolve`). */
  at(pos: number): Resolution;
  action(id: string): PlanAction;
}

export function createResolver(dag: PlanDag, relationUsable: (id: string) => Usability): Resolver {
  const idag = indexDag(dag);
  const n = idag.order.length;
  const decisions: ActionDecision[][] = Array.from({ length: n }, () => []);
  const resolutions: (Resolution | undefined)[] = new Array<Resolution | undefined>(n);
  const dirty = new Uint8Array(n).fill(1);
  let firstDirty = 0;
  const actionAt = (p: number): PlanAction | undefined => resolutions[p]?.action;
  const addAt = (pos: number, d: ActionDecision): void => {
    (decisions[pos] as ActionDecision[]).push(d);
    dirty[pos] = 1;
    if (pos < firstDirty) firstDirty = pos;
  };
  return {
    add(d) {
      const pos = idag.positionOf(d.nodeId);
      if (pos === undefined) throw new Error(`unreachable: decision about ${d.nodeId}, which is not in the plan`);
      addAt(pos, d);
    },
    addAt,
    resolve() {
      for (let pos = firstDirty; pos < n; pos++) {
        if (dirty[pos] === 0) continue;
        dirty[pos] = 0;
        const before = resolutions[pos];
        const after = resolveOne(idag, pos, decisions[pos] as ActionDecision[], actionAt, relationUsable);
        resolutions[pos] = after;
        if (before?.action !== after.action) for (const c of idag.down[pos] as readonly number[]) dirty[c] = 1;
      }
      firstDirty = n;
    },
    at(pos) {
      const r = resolutions[pos];
      if (r === undefined) throw new Error('unreachable: resolution read before resolve()');
      return r;
    },
    action(id) {
      const pos = idag.positionOf(id);
      return pos === undefined ? 'SKIP' : (resolutions[pos]?.action ?? 'SKIP');
    },
  };
}

/** Resolves every node from scratch (what the resolver's incremental updates must equal). */
export function resolveActions(
  dag: PlanDag,
  decisions: ReadonlyMap<string, readonly ActionDecision[]>,
  relationUsable: (id: string) => Usability,
): Map<string, Resolution> {
  const resolver = createResolver(dag, relationUsable);
  for (const id of dag.order) for (const d of decisions.get(id) ?? []) resolver.add(d);
  resolver.resolve();
  const out = new Map<string, Resolution>();
  dag.order.forEach((id, pos) => out.set(id, resolver.at(pos)));
  return out;
}
