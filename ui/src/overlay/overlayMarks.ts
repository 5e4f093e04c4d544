import type { NodeState, PlanAction, PlanNode } from '../client/client';
import type { OverlayGraph, OverlayNode } from './overlayGraph';

/**
 * How each drawn node is marked, pure: by the plan's action (the plan graph) or by the node's
 * latest run state (the run graph), with what its hover text says, and the legend's counts.
 */

/** The node states the Run Detail knows (docs/runs.md), and `unknown` for anything else a row may carry. */
export type RunNodeStatus = NodeState | 'unknown';

const NODE_STATES: readonly NodeState[] = ['pending', 'running', 'success', 'warning', 'failed', 'skipped', 'upstream_failed', 'not_run', 'interrupted'];
const KNOWN: ReadonlySet<string> = new Set(NODE_STATES);

/** A stored row's status is a plain string: anything the workflow does not report is `unknown`, not guessed. */
export function asRunNodeStatus(state: string): RunNodeStatus {
  return KNOWN.has(state) ? (state as NodeState) : 'unknown';
}

export type OverlayMark =
  | { readonly type: 'action'; readonly action: PlanAction }
  | { readonly type: 'status'; readonly status: RunNodeStatus }
  | { readonly type: 'context' };

/** One key per mark: the CSS class suffix, the legend entry, the data attribute. */
export type MarkKey = PlanAction | RunNodeStatus | 'context';

export function markKey(mark: OverlayMark): MarkKey {
  switch (mark.type) {
    case 'action':
      return mark.action;
    case 'status':
      return mark.status;
    case 'context':
      return 'context';
    default: {
      const unreachable: never = mark;
      throw new Error(`unknown mark ${String(unreachable)}`);
    }
  }
}

/** A node's latest run state, as the Run Detail's node lines give it. */
export interface NodeRunState {
  readonly uniqueId: string;
  readonly state: string;
  readonly attempt: number;
  readonly message: string | null;
}

export interface MarkedNode extends OverlayNode {
  readonly mark: OverlayMark;
  /** The plan's action (both graphs); null for a context node. */
  readonly action: PlanAction | null;
  readonly estimateSeconds: number | null;
  /** How the estimate was obtained (the plan's `estimate.detail`). */
  readonly estimateDetail: string | null;
  /** The decisions that touched the node, applied first: "text (policy)" or "text (policy, overruled)". */
  readonly reasons: readonly string[];
  /** The run's attempt (0: never started); 0 on the plan graph. */
  readonly attempt: number;
  /** The run's message: a failed node's error. */
  readonly message: string | null;
}

export type MarkablePlanNode = Pick<PlanNode, 'uniqueId' | 'action' | 'estimate' | 'reasons'>;

const OUTCOME_ORDER = { applied: 0, overruled: 1, note: 2 } as const;

function reasonLines(node: MarkablePlanNode): string[] {
  return [...node.reasons]
    .sort((a, b) => OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome])
    .map((r) => `${r.text} (${r.policyId}${r.outcome === 'applied' ? '' : `, ${r.outcome}`})`);
}

/**
 * Each drawn node with its mark: the plan's action, or with `run` the node's run state (a planned
 * node the run does not report is `unknown`). Context nodes are marked `context` in both.
 */
export function markNodes(overlay: OverlayGraph, plan: readonly MarkablePlanNode[], run: readonly NodeRunState[] | null): MarkedNode[] {
  const planned = new Map(plan.map((n) => [n.uniqueId, n]));
  const states = new Map((run ?? []).map((s) => [s.uniqueId, s]));
  return overlay.nodes.map((n): MarkedNode => {
    const p = planned.get(n.id);
    if (n.role === 'context' || !p) {
      return { ...n, mark: { type: 'context' }, action: null, estimateSeconds: null, estimateDetail: null, reasons: [], attempt: 0, message: null };
    }
    const s = states.get(n.id);
    const mark: OverlayMark = run === null ? { type: 'action', action: p.action } : { type: 'status', status: s ? asRunNodeStatus(s.state) : 'unknown' };
    return {
      ...n, mark, action: p.action, estimateSeconds: p.estimate.seconds, estimateDetail: p.estimate.detail, reasons: reasonLines(p),
      attempt: s?.attempt ?? 0, message: s?.message ?? null,
    };
  });
}

export type OverlayMode = 'plan' | 'run';

export interface LegendEntry {
  readonly key: MarkKey;
  readonly label: string;
  readonly hint: string;
  readonly count: number;
}

interface LegendSpec {
  readonly key: MarkKey;
  readonly hint: string;
  /** Listed even at 0; the others only when some node has them (a run rarely has all nine). */
  readonly always: boolean;
}

const PLAN_LEGEND: readonly LegendSpec[] = [
  { key: 'RUN', hint: 'dbt runs the node', always: true },
  { key: 'PARTIAL', hint: 'dbt runs one partition of the node', always: true },
  { key: 'SKIP', hint: 'the plan skips the node (the reason is in its hover text)', always: true },
];

// In the order a run goes through them: what moves first, then what is done, then what never ran.
const RUN_LEGEND: readonly LegendSpec[] = [
  { key: 'running', hint: 'running now', always: true },
  { key: 'pending', hint: 'waiting for its upstream or a slot', always: true },
  { key: 'success', hint: 'succeeded', always: true },
  { key: 'warning', hint: 'succeeded with a dbt warning', always: false },
  { key: 'failed', hint: 'failed (the error is in its hover text)', always: true },
  { key: 'upstream_failed', hint: 'not run: an upstream node failed', always: false },
  { key: 'interrupted', hint: 'was running when the run was canceled or failed fast', always: false },
  { key: 'not_run', hint: 'never started (fail-fast, cancel, rejection)', always: false },
  { key: 'skipped', hint: 'SKIP in the plan', always: true },
  { key: 'unknown', hint: 'a state this UI does not know', always: false },
];

const CONTEXT_ENTRY: LegendSpec = { key: 'context', hint: 'not in the plan: a direct upstream or downstream neighbour (muted)', always: false };

/** The legend: each mark of the mode with how many drawn nodes carry it (context when shown). */
export function legendOf(nodes: readonly MarkedNode[], mode: OverlayMode): LegendEntry[] {
  const counts = new Map<MarkKey, number>();
  for (const n of nodes) {
    const key = markKey(n.mark);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const specs = [...(mode === 'plan' ? PLAN_LEGEND : RUN_LEGEND), CONTEXT_ENTRY];
  return specs
    .map((s) => ({ key: s.key, label: s.key.replace(/_/g, ' '), hint: s.hint, count: counts.get(s.key) ?? 0, always: s.always }))
    .filter((e) => e.always || e.count > 0)
    .map(({ always: _always, ...entry }) => entry);
}

/** The glyph drawn before a node's name and in the legend: the colour says it too, the glyph is for colour-blind eyes. */
export function glyphOf(key: MarkKey): string {
  switch (key) {
    case 'RUN':
      return '▶';
    case 'PARTIAL':
      return '◐';
    case 'SKIP':
    case 'skipped':
      return '⤼';
    case 'pending':
      return '○';
    case 'running':
      return '●';
    case 'success':
      return '✓';
    case 'warning':
      return '!';
    case 'failed':
      return '✕';
    case 'upstream_failed':
      return '↯';
    case 'interrupted':
      return '‖';
    case 'not_run':
      return '–';
    case 'unknown':
      return '?';
    case 'context':
      return '';
    default: {
      const unreachable: never = key;
      return String(unreachable);
    }
  }
}
