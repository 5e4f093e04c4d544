/**
 * The nodes a user named in `--select`: criteria that name a node (dbt's default fqn method: a
 * name or dotted path, without wildcards), ignoring graph operators. `orders+` names orders, not its children;
 * `tag:nightly` names nothing. Named nodes beat automatic skips and budget drops.
 */
import type { Manifest } from '../artifacts/types';
import type { LogicalGraph } from '../graph/types';
import { buildUniverse, parseSelection, selectWithSpec, type SelectionCriteria, type SelectionSpec } from '../selectors';

function namingCriteria(spec: SelectionSpec, out: SelectionCriteria[]): void {
  switch (spec.type) {
    case 'criteria':
      if (spec.method === 'fqn' && typeof spec.value === 'string' && !/[*?[]/.test(spec.value)) out.push(spec);
      return;
    case 'union':
      for (const c of spec.components) namingCriteria(c, out);
      return;
    // A one-part intersection is how a plain term parses; a real intersection only narrows a set.
    case 'intersection':
      if (spec.components.length === 1 && spec.components[0] !== undefined) namingCriteria(spec.components[0], out);
      return;
    // Only what is kept can be named: the first component.
    case 'difference':
      if (spec.components[0] !== undefined) namingCriteria(spec.components[0], out);
      return;
    default: {
      const unreachable: never = spec;
      throw new Error(`unreachable selection spec ${JSON.stringify(unreachable)}`);
    }
  }
}

export function namedNodes(graph: LogicalGraph, manifest: Manifest, select: string | null): string[] {
  if (select === null || select.trim() === '') return [];
  const criteria: SelectionCriteria[] = [];
  namingCriteria(parseSelection(select, undefined, 'empty'), criteria);
  if (criteria.length === 0) return [];
  const universe = buildUniverse(graph, manifest);
  const named = new Set<string>();
  for (const c of criteria) {
    const bare: SelectionCriteria = { ...c, parents: false, children: false, childrensParents: false, indirectSelection: 'empty' };
    for (const id of selectWithSpec(universe, bare)) named.add(id);
  }
  return [...named].sort();
}
