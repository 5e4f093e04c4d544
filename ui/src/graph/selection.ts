import { selectionSpec, selectWithSpec, SelectorError, type MethodName, type SelectionSpec } from '../../../domain/selectors';
import type { WorkspaceGraph } from './model';

/** The outcome of the selector box: nothing typed, a selection, or dbt's error for the expression. */
export type SelectionResult =
  | { readonly kind: 'none' }
  | { readonly kind: 'selected'; readonly ids: ReadonlySet<string> }
  | {
    readonly kind: 'invalid';
    readonly message: string;
    /** The criteria that need full nodes when the graph has summaries only (an API without `include=node`). */
    readonly needsFullNodes?: readonly string[];
  };

/**
 * Methods that read what a node summary (unique_id, kind, name, package) does not carry: on
 * summaries they would silently select nothing. `source:`, `package:`, `resource_type:` and names
 * work from summaries (graph/model.ts summaryNode).
 */
const FULL_NODE_METHODS: ReadonlySet<MethodName> = new Set<MethodName>(['tag', 'path', 'file', 'config', 'group', 'access', 'test_name', 'test_type', 'version']);

/** `fqn:` values name folders (`staging.stg_orders`, `staging.*`) unless they are a name or `package.name`. */
function fqnNeedsFolders(value: string, packages: ReadonlySet<string>): boolean {
  const parts = value.split('.');
  if (parts.length === 1) return false;
  return !(parts.length === 2 && packages.has(parts[0] as string));
}

/** The criteria of a spec that summaries cannot answer, as the user wrote them (`tag:nightly`, `staging.*`). */
export function criteriaNeedingFullNodes(spec: SelectionSpec, packages: ReadonlySet<string>): string[] {
  switch (spec.type) {
    case 'criteria': {
      if (FULL_NODE_METHODS.has(spec.method)) return [spec.raw];
      if (spec.method === 'fqn' && typeof spec.value === 'string' && fqnNeedsFolders(spec.value, packages)) return [spec.raw];
      return [];
    }
    case 'union':
    case 'intersection':
    case 'difference':
      return spec.components.flatMap((c) => criteriaNeedingFullNodes(c, packages));
    default: {
      const unreachable: never = spec;
      throw new Error(`unknown selection spec ${String(unreachable)}`);
    }
  }
}

const packagesOfGraph = new WeakMap<WorkspaceGraph, ReadonlySet<string>>();

function packagesOf(graph: WorkspaceGraph): ReadonlySet<string> {
  let found = packagesOfGraph.get(graph);
  if (found === undefined) {
    found = new Set([...graph.nodes.values()].map((n) => n.node.packageName));
    packagesOfGraph.set(graph, found);
  }
  return found;
}

/**
 * Evaluates a selector expression (`+orders`, `tag:nightly,config.materialized:table`, ...) with
 * domain/selectors, the same code the API and CLI run, over every resource type. On a graph of
 * summaries, an expression using tags, paths, config and the like is refused with a message saying
 * so, instead of selecting nothing.
 */
export function evaluateSelector(graph: WorkspaceGraph, expression: string): SelectionResult {
  const trimmed = expression.trim();
  if (trimmed === '') return { kind: 'none' };
  try {
    const spec = selectionSpec({ manifest: graph.universe.manifest, select: trimmed });
    if (graph.detail === 'summary') {
      const needs = criteriaNeedingFullNodes(spec, packagesOf(graph));
      if (needs.length > 0) {
        const list = [...new Set(needs)].join(', ');
        return {
          kind: 'invalid',
          message: `${list}: needs full nodes, and the API sent node summaries only (a server without include=node); names, +/@ operators, package:, resource_type: and source: still work`,
          needsFullNodes: needs,
        };
      }
    }
    const ids = selectWithSpec(graph.universe, spec);
    return { kind: 'selected', ids: new Set(ids) };
  } catch (err) {
    if (err instanceof SelectorError) return { kind: 'invalid', message: err.message };
    throw err;
  }
}

/** How a node is drawn for a selection: everything normal without one, else selected or dimmed. */
export function highlightOf(selection: SelectionResult, id: string): 'normal' | 'selected' | 'dimmed' {
  if (selection.kind !== 'selected') return 'normal';
  return selection.ids.has(id) ? 'selected' : 'dimmed';
}
