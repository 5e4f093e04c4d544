/**
 * The precedence table: when action decisions on one node disagree, the one whose class ranks
 * first wins; within a class, the first decision in evaluation order wins. docs/plans.md prints
 * this table; a test checks the two stay the same.
 */
import type { ActionClass, ActionDecision } from './types';

export interface PrecedenceRow {
  readonly class: ActionClass;
  readonly source: string;
  readonly why: string;
}

export const PRECEDENCE: readonly PrecedenceRow[] = [
  {
    class: 'dependency',
    source: 'engine',
    why: 'a node never runs on an upstream that is skipped and has no usable relation',
  },
  {
    class: 'explicit_node',
    source: 'user: a node named in --select',
    why: 'an explicit user choice beats every automatic decision, including budget drops',
  },
  {
    class: 'budget',
    source: 'limit_cost_budget (budgetMode drop)',
    why: 'a budget limit beats priorities, full refresh and automatic decisions',
  },
  {
    class: 'explicit_refresh',
    source: 'user: --full-refresh',
    why: 'an explicit full refresh beats an automatic skip or a partial run',
  },
  {
    class: 'automatic_skip',
    source: 'skip_if_no_change',
    why: 'nothing changed, so there is nothing to run, not even a partition',
  },
  {
    class: 'automatic_partial',
    source: 'partial_by_partition',
    why: 'a partition contract narrows a run; it never adds one',
  },
  {
    class: 'default',
    source: 'selection',
    why: 'a selected node runs unless something above says otherwise',
  },
];

const RANK: ReadonlyMap<ActionClass, number> = new Map(PRECEDENCE.map((row, i) => [row.class, i]));

export function rankOf(cls: ActionClass): number {
  const rank = RANK.get(cls);
  if (rank === undefined) throw new Error(`unreachable: action class ${cls} is not in the precedence table`);
  return rank;
}

/** The winning decision among those that apply (stable: earlier decisions win ties). */
export function strongest(decisions: readonly ActionDecision[]): ActionDecision | null {
  let best: ActionDecision | null = null;
  let bestRank = Infinity;
  for (const d of decisions) {
    const r = rankOf(d.class);
    if (r < bestRank) {
      best = d;
      bestRank = r;
    }
  }
  return best;
}
