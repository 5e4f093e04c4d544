import { selectionSpec, selectWithSpec, SelectorError } from '../../../domain/selectors';
import type { WorkspaceGraph } from './model';

/** The outcome of the selector box: nothing typed, a selection, or dbt's error for the expression. */
export type SelectionResult =
  | { readonly kind: 'none' }
  | { readonly kind: 'selected'; readonly ids: ReadonlySet<string> }
  | { readonly kind: 'invalid'; readonly message: string };

/**
 * Evaluates a selector expression (`+orders`, `tag:nightly,config.materialized:table`, ...) with
 * domain/selectors, the same code the API and CLI run, over every resource type.
 */
export function evaluateSelector(graph: WorkspaceGraph, expression: string): SelectionResult {
  const trimmed = expression.trim();
  if (trimmed === '') return { kind: 'none' };
  try {
    const spec = selectionSpec({ manifest: graph.universe.manifest, select: trimmed });
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
