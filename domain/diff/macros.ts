import type { MacroInfo } from '../artifacts/types';

/**
 * Macros that changed between two versions (new, or a different checksum), plus every macro that
 * calls one of them, directly or not: what dbt's `state:modified.macros` looks at.
 */
export function modifiedMacros(prev: ReadonlyMap<string, MacroInfo>, next: ReadonlyMap<string, MacroInfo>): ReadonlySet<string> {
  const changed = new Set<string>();
  for (const [id, macro] of next) {
    const before = prev.get(id);
    if (!before || before.checksum !== macro.checksum) changed.add(id);
  }
  const callers = new Map<string, string[]>();
  for (const [id, macro] of next) {
    for (const callee of macro.dependsOnMacros) {
      const list = callers.get(callee);
      if (list) list.push(id);
      else callers.set(callee, [id]);
    }
  }
  const queue = [...changed];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    for (const caller of callers.get(id) ?? []) {
      if (!changed.has(caller)) {
        changed.add(caller);
        queue.push(caller);
      }
    }
  }
  return changed;
}
