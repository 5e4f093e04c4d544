/**
 * prioritize_exposures: nodes upstream of an exposure, and nodes tagged critical (with their
 * upstream), get a higher priority: they start first and a budget drops them last.
 */
import type { Decision, Policy } from '../types';

export const PRIORITIZE_EXPOSURES_ID = 'prioritize_exposures';

export interface PrioritizeExposuresOptions {
  readonly exposurePriority?: number;
  readonly criticalPriority?: number;
  readonly criticalTags?: readonly string[];
}

export function prioritizeExposures(options: PrioritizeExposuresOptions = {}): Policy {
  const exposurePriority = options.exposurePriority ?? 100;
  const criticalPriority = options.criticalPriority ?? 100;
  const criticalTags = options.criticalTags ?? ['critical'];
  return {
    id: PRIORITIZE_EXPOSURES_ID,
    stage: 'priority',
    description: 'Raise the priority of nodes feeding exposures and of nodes tagged critical.',
    evaluate(ctx) {
      // For each plan node: the first (smallest id) root that reaches it and how many do.
      const reach = (roots: readonly string[], includeRoot: boolean): Map<string, { first: string; count: number }> => {
        const found = new Map<string, { first: string; count: number }>();
        for (const root of roots) {
          const seen = new Set<string>();
          const stack = includeRoot ? [root] : [...ctx.graph.parents(root)];
          while (stack.length > 0) {
            const id = stack.pop() as string;
            if (seen.has(id)) continue;
            seen.add(id);
            if (ctx.planIds.has(id)) {
              const prev = found.get(id);
              found.set(id, prev === undefined ? { first: root, count: 1 } : { first: prev.first, count: prev.count + 1 });
            }
            stack.push(...ctx.graph.parents(id));
          }
        }
        return found;
      };
      const exposures: string[] = [];
      const critical: string[] = [];
      for (const [id, g] of ctx.graph.nodes) {
        if (g.kind === 'exposure') exposures.push(id);
        else if (ctx.planIds.has(id) && g.node.tags.some((t) => criticalTags.includes(t))) critical.push(id);
      }
      exposures.sort();
      critical.sort();
      const out: Decision[] = [];
      const others = (n: number): string => (n > 1 ? ` and ${n - 1} other(s)` : '');
      for (const [id, r] of [...reach(exposures, false)].sort(([a], [b]) => (a < b ? -1 : 1))) {
        out.push({ type: 'priority', policyId: PRIORITIZE_EXPOSURES_ID, nodeId: id, priority: exposurePriority, reason: `upstream of exposure ${r.first}${others(r.count)}`, evidence: { exposure: r.first, exposures: r.count } });
      }
      for (const [id, r] of [...reach(critical, true)].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const text = r.first === id && r.count === 1 ? `tagged ${criticalTags.join('/')}` : `upstream of (or is) critical node ${r.first}${others(r.count)}`;
        out.push({ type: 'priority', policyId: PRIORITIZE_EXPOSURES_ID, nodeId: id, priority: criticalPriority, reason: text, evidence: { critical: r.first, criticalNodes: r.count } });
      }
      return out;
    },
  };
}
