import type { NodeKind } from '../../../domain/artifacts/types';
import type { WorkspaceGraph } from '../graph/model';

/**
 * The Docs view's search: an index built once per graph (lower-cased names, descriptions, columns),
 * then a linear scan per query. At 5,000 nodes with a dozen columns each that is well under a frame;
 * the index, not the scan, is what must not be rebuilt on every keystroke.
 */

export interface DocsColumn {
  readonly name: string;
  readonly description: string;
}

export interface DocsEntry {
  readonly id: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly packageName: string;
  readonly description: string;
  readonly columns: readonly DocsColumn[];
}

interface Searchable {
  readonly entry: DocsEntry;
  readonly name: string;
  readonly id: string;
  readonly description: string;
  readonly columns: ReadonlyArray<{ readonly name: string; readonly description: string }>;
}

export interface DocsIndex {
  readonly size: number;
  /** Kinds present, in KIND_ORDER. */
  readonly kinds: readonly NodeKind[];
  readonly packages: readonly string[];
  /** 'summary' when the API sent no descriptions or columns (an API without include=node). */
  readonly detail: 'full' | 'summary';
  readonly items: readonly Searchable[];
}

/** Where a query matched a node, best first: the name, the description, then columns. */
export type DocsMatch =
  | { readonly field: 'name' }
  | { readonly field: 'description' }
  | { readonly field: 'column'; readonly column: string; readonly in: 'name' | 'description'; readonly description: string };

export interface DocsHit {
  readonly entry: DocsEntry;
  readonly match: DocsMatch | null;
  /** Columns that matched (name or description), in the node's order. */
  readonly columnMatches: number;
}

/** `all` is every kind but tests (as dbt docs lists them); tests are a kind of their own. */
export type KindFilter = NodeKind | 'all';

export interface DocsFilter {
  readonly query: string;
  readonly kind: KindFilter;
  readonly packageName: string | null;
}

export interface DocsResult {
  readonly hits: readonly DocsHit[];
  /** Per kind: nodes matching the query and the package (whatever the kind filter). */
  readonly kindCounts: ReadonlyMap<NodeKind, number>;
  /** Per package: nodes matching the query and the kind (whatever the package filter). */
  readonly packageCounts: ReadonlyMap<string, number>;
  /** Nodes of `all` matching the query and the package. */
  readonly allCount: number;
}

export const KIND_ORDER: readonly NodeKind[] = [
  'model', 'source', 'seed', 'snapshot', 'exposure', 'metric', 'semantic_model', 'saved_query', 'analysis', 'function', 'group', 'operation', 'sql_operation', 'test', 'unit_test',
];

const TEST_KINDS: ReadonlySet<NodeKind> = new Set<NodeKind>(['test', 'unit_test']);

export function kindLabel(kind: KindFilter): string {
  switch (kind) {
    case 'all': return 'all but tests';
    case 'analysis': return 'analyses';
    case 'saved_query': return 'saved queries';
    case 'semantic_model': return 'semantic models';
    case 'unit_test': return 'unit tests';
    case 'sql_operation': return 'sql operations';
    default: return `${kind}s`;
  }
}

export function buildDocsIndex(graph: WorkspaceGraph): DocsIndex {
  const items: Searchable[] = [];
  const kinds = new Set<NodeKind>();
  const packages = new Set<string>();
  for (const n of graph.nodes.values()) {
    const node = n.node;
    const columns = Object.values(node.columns).map((c) => ({ name: c.name, description: c.description ?? '' }));
    const entry: DocsEntry = { id: n.uniqueId, kind: n.kind, name: node.name, packageName: node.packageName, description: node.description ?? '', columns };
    items.push({
      entry,
      name: entry.name.toLowerCase(),
      id: entry.id.toLowerCase(),
      description: entry.description.toLowerCase(),
      columns: columns.map((c) => ({ name: c.name.toLowerCase(), description: c.description.toLowerCase() })),
    });
    kinds.add(n.kind);
    packages.add(node.packageName);
  }
  items.sort((a, b) => (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : a.entry.id < b.entry.id ? -1 : 1));
  return {
    size: items.length,
    kinds: KIND_ORDER.filter((k) => kinds.has(k)),
    packages: [...packages].sort(),
    detail: graph.detail,
    items,
  };
}

/** Rank of a hit: lower is better. */
function rank(item: Searchable, terms: readonly string[], match: DocsMatch | null, query: string): number {
  if (terms.length === 0 || match === null) return 0;
  if (item.name === query) return 0;
  if (match.field === 'name') return item.name.startsWith(terms[0] as string) ? 1 : 2;
  return match.field === 'description' ? 3 : 4;
}

/**
 * Where the terms occur (every term must, somewhere): all in the name or unique_id, else all in the
 * name or description, else the terms found in neither must each be in some column (name or
 * description); then the first such column is the match shown. Null when a term occurs nowhere.
 */
function matchOf(item: Searchable, terms: readonly string[]): { match: DocsMatch | null; columnMatches: number } | null {
  if (terms.length === 0) return { match: null, columnMatches: 0 };
  let allInName = true;
  const columnTerms: string[] = [];
  for (const t of terms) {
    const inName = item.name.includes(t) || item.id.includes(t);
    if (!inName) allInName = false;
    if (!inName && !item.description.includes(t)) columnTerms.push(t);
  }
  if (allInName) return { match: { field: 'name' }, columnMatches: 0 };
  if (columnTerms.length === 0) return { match: { field: 'description' }, columnMatches: 0 };
  let first: DocsMatch | null = null;
  let columnMatches = 0;
  const covered = new Set<string>();
  for (let i = 0; i < item.columns.length; i++) {
    const c = item.columns[i] as Searchable['columns'][number];
    const here = columnTerms.filter((t) => c.name.includes(t) || c.description.includes(t));
    if (here.length === 0) continue;
    for (const t of here) covered.add(t);
    columnMatches += 1;
    if (first === null) {
      const original = item.entry.columns[i] as DocsColumn;
      first = { field: 'column', column: original.name, in: here.some((t) => c.name.includes(t)) ? 'name' : 'description', description: original.description };
    }
  }
  if (covered.size < new Set(columnTerms).size) return null;
  return { match: first, columnMatches };
}

const kindPasses = (kind: NodeKind, filter: KindFilter): boolean => (filter === 'all' ? !TEST_KINDS.has(kind) : kind === filter);

export function searchDocs(index: DocsIndex, filter: DocsFilter): DocsResult {
  const query = filter.query.trim().toLowerCase();
  const terms = query === '' ? [] : query.split(/\s+/);
  const kindCounts = new Map<NodeKind, number>();
  const packageCounts = new Map<string, number>();
  let allCount = 0;
  const hits: Array<DocsHit & { readonly rank: number }> = [];
  for (const item of index.items) {
    const found = matchOf(item, terms);
    if (found === null) continue;
    const { kind, packageName } = item.entry;
    const packageOk = filter.packageName === null || packageName === filter.packageName;
    const kindOk = kindPasses(kind, filter.kind);
    if (packageOk) {
      kindCounts.set(kind, (kindCounts.get(kind) ?? 0) + 1);
      if (!TEST_KINDS.has(kind)) allCount += 1;
    }
    if (kindOk) packageCounts.set(packageName, (packageCounts.get(packageName) ?? 0) + 1);
    if (packageOk && kindOk) hits.push({ entry: item.entry, match: found.match, columnMatches: found.columnMatches, rank: rank(item, terms, found.match, query) });
  }
  // Items are in name order already; a stable sort on rank keeps it within a rank.
  hits.sort((a, b) => a.rank - b.rank);
  return { hits, kindCounts, packageCounts, allCount };
}
