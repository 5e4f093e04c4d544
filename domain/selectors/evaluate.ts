import type { DbtNode } from '../artifacts/types';
import { searchMethod } from './methods';
import type { IndirectSelection, SelectionCriteria, SelectionGroup, SelectionSpec } from './spec';
import type { SelectionState } from './state';
import { childrenOf, selectChildren, selectChildrensParents, selectParents, type SelectionUniverse } from './universe';

/** Nodes picked by a spec, and tests kept aside until all their parents show up (cautious/buildable). */
interface Bundle {
  readonly direct: Set<string>;
  readonly indirect: Set<string>;
}

const canSelectIndirectly = (node: DbtNode): boolean => node.kind === 'test' || node.kind === 'unit_test';

function subsetOf(items: readonly string[], set: ReadonlySet<string>): boolean {
  return items.every((item) => set.has(item));
}

/**
 * Tests (and unit tests) next to a selection: eager takes a test when any parent is selected,
 * cautious when all are, buildable when all are selected or upstream of the selection.
 */
function expandTests(universe: SelectionUniverse, selected: ReadonlySet<string>, mode: IndirectSelection): Bundle {
  const direct = new Set(selected);
  const indirect = new Set<string>();
  let buildable: Set<string> | null = null;
  if (mode === 'buildable') {
    buildable = new Set([...selected, ...selectParents(universe, selected)]);
    for (const [id, node] of universe.nodes) if (node.kind === 'source') buildable.add(id);
  }
  for (const id of selected) {
    for (const childId of childrenOf(universe, id)) {
      const child = universe.nodes.get(childId) as DbtNode;
      if (!canSelectIndirectly(child)) continue;
      if (mode === 'eager' || subsetOf(child.dependsOn, selected)) direct.add(childId);
      else if (buildable !== null && subsetOf(child.dependsOn, buildable)) direct.add(childId);
      else if (mode !== 'empty') indirect.add(childId);
    }
  }
  return { direct, indirect };
}

function evaluateCriteria(universe: SelectionUniverse, spec: SelectionCriteria, state: SelectionState): Bundle {
  const collected = searchMethod(spec, universe, state);
  const selected = new Set(collected);
  if (spec.childrensParents) for (const id of selectChildrensParents(universe, collected)) selected.add(id);
  if (spec.parents) for (const id of selectParents(universe, collected, spec.parentsDepth)) selected.add(id);
  if (spec.children) for (const id of selectChildren(universe, collected, spec.childrenDepth)) selected.add(id);
  if (spec.indirectSelection === 'empty') return { direct: selected, indirect: new Set() };
  return expandTests(universe, selected, spec.indirectSelection);
}

function combine(type: SelectionGroup['type'], sets: readonly Set<string>[]): Set<string> {
  const [first, ...rest] = sets;
  if (first === undefined) return new Set();
  // One component: nothing to combine (sets are never mutated after they are built).
  if (rest.length === 0) return first;
  switch (type) {
    case 'union': {
      const out = new Set(first);
      for (const set of rest) for (const id of set) out.add(id);
      return out;
    }
    case 'intersection':
      return new Set([...first].filter((id) => rest.every((set) => set.has(id))));
    case 'difference':
      return new Set([...first].filter((id) => rest.every((set) => !set.has(id))));
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

/** After a set operation, cautious/buildable tests kept aside join when their parents are now in. */
function incorporate(universe: SelectionUniverse, direct: Set<string>, indirect: Set<string>, mode: IndirectSelection): Set<string> {
  if (mode !== 'cautious' && mode !== 'buildable') return direct;
  const selected = new Set(direct);
  const allowed = mode === 'buildable' ? new Set([...direct, ...selectParents(universe, direct)]) : direct;
  for (const id of indirect) {
    const node = universe.nodes.get(id);
    // dbt looks these up in manifest.nodes only, so unit tests never join here.
    if (node && node.kind === 'test' && subsetOf(node.dependsOn, allowed)) selected.add(id);
  }
  return selected;
}

function evaluateGroup(universe: SelectionUniverse, spec: SelectionGroup, state: SelectionState): Bundle {
  const bundles = spec.components.map((component) => evaluate(universe, component, state));
  const direct = combine(spec.type, bundles.map((b) => b.direct));
  const indirect = combine(spec.type, bundles.map((b) => (b.indirect.size === 0 ? b.direct : new Set([...b.direct, ...b.indirect]))));
  return { direct: incorporate(universe, direct, indirect, spec.indirectSelection), indirect };
}

/** dbt's recursive selection: criteria resolve on the graph, groups combine their components. */
export function evaluate(universe: SelectionUniverse, spec: SelectionSpec, state: SelectionState): Bundle {
  switch (spec.type) {
    case 'criteria':
      return evaluateCriteria(universe, spec, state);
    case 'union':
    case 'intersection':
    case 'difference':
      return evaluateGroup(universe, spec, state);
    default: {
      const unreachable: never = spec;
      return unreachable;
    }
  }
}
