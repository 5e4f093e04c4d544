import { useDeferredValue, useMemo, useState } from 'react';
import type { NodeKind } from '../../../domain/artifacts/types';
import type { VersionRef } from '../client/client';
import { useWorkspaceGraph } from '../client/queries';
import { ErrorState, Loading } from '../app/states';
import type { Current } from '../app/useCurrent';
import { buildDocsIndex, kindLabel, searchDocs, type DocsHit, type DocsIndex, type KindFilter } from '../docs/docsIndex';
import type { WorkspaceGraph } from '../graph/model';
import { NodePanel } from '../workspace/NodePanel';
import { NoVersion } from '../workspace/WorkspaceView';

/** Rows drawn at once; the counts say how many more the filters leave. */
const SHOWN = 300;
const DESCRIPTION_CHARS = 140;

/** The project's documentation: every node by kind and package, searchable over names, descriptions and columns, with its docs panel. */
export function Docs({ current }: { readonly current: Current }) {
  const graph = useWorkspaceGraph(current.ref, null);
  if (!current.ref) return <NoVersion current={current} />;
  if (graph.isPending) return <Loading what="nodes" />;
  if (graph.isError) return <ErrorState error={graph.error} retry={() => void graph.refetch()} />;
  return <DocsBrowser graph={graph.data} versionRef={current.ref} />;
}

/** The browser over a loaded graph (tests mount it with a graph directly). */
export function DocsBrowser({ graph, versionRef }: { readonly graph: WorkspaceGraph; readonly versionRef: VersionRef | null }) {
  // Built once per graph: every keystroke only scans it.
  const index = useMemo(() => buildDocsIndex(graph), [graph]);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');
  const [packageName, setPackageName] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const deferredQuery = useDeferredValue(query);
  const result = useMemo(() => searchDocs(index, { query: deferredQuery, kind, packageName }), [index, deferredQuery, kind, packageName]);
  const { hits } = result;
  return (
    <div className="docs">
      <div className="page docs-list">
        <h1>Docs</h1>
        <div className="row docs-filters">
          <input
            type="search"
            className="docs-search"
            placeholder="Search names, descriptions and columns"
            aria-label="Search docs"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <KindSelect index={index} kind={kind} counts={result.kindCounts} allCount={result.allCount} onKind={setKind} />
          <label>
            <span className="visually-hidden">Package</span>
            <select aria-label="Package" value={packageName ?? ''} onChange={(e) => setPackageName(e.target.value === '' ? null : e.target.value)}>
              <option value="">all packages</option>
              {index.packages.map((p) => (
                <option key={p} value={p}>{p} ({result.packageCounts.get(p) ?? 0})</option>
              ))}
            </select>
          </label>
        </div>
        <p className="muted small" data-testid="docs-count" role="status">
          {hits.length.toLocaleString()} of {index.size.toLocaleString()} nodes
          {hits.length > SHOWN ? ` · showing the first ${SHOWN}: search or filter to narrow` : ''}
        </p>
        {index.detail === 'summary' ? (
          <p className="muted small">The API sent node summaries only: descriptions and columns are not searchable until it sends full nodes.</p>
        ) : null}
        <table className="grid-table" aria-label="Docs nodes">
          <thead><tr><th>Name</th><th>Kind</th><th>Package</th><th>Description</th></tr></thead>
          <tbody>
            {hits.slice(0, SHOWN).map((h) => (
              <DocsRow key={h.entry.id} hit={h} current={open === h.entry.id} onOpen={setOpen} />
            ))}
          </tbody>
        </table>
        {hits.length === 0 ? <p className="muted">No node matches{query.trim() ? ` “${query.trim()}”` : ''}.</p> : null}
      </div>
      {open && versionRef ? <NodePanel versionRef={versionRef} uniqueId={open} onClose={() => setOpen(null)} onOpenNode={setOpen} /> : null}
    </div>
  );
}

function KindSelect({ index, kind, counts, allCount, onKind }: {
  readonly index: DocsIndex;
  readonly kind: KindFilter;
  readonly counts: ReadonlyMap<NodeKind, number>;
  readonly allCount: number;
  readonly onKind: (kind: KindFilter) => void;
}) {
  return (
    <label>
      <span className="visually-hidden">Kind</span>
      <select aria-label="Kind" value={kind} onChange={(e) => onKind(e.target.value as KindFilter)}>
        <option value="all">{kindLabel('all')} ({allCount})</option>
        {index.kinds.map((k) => (
          <option key={k} value={k}>{kindLabel(k)} ({counts.get(k) ?? 0})</option>
        ))}
      </select>
    </label>
  );
}

function DocsRow({ hit, current, onOpen }: { readonly hit: DocsHit; readonly current: boolean; readonly onOpen: (id: string) => void }) {
  const { entry, match } = hit;
  return (
    <tr className={current ? 'current' : ''} data-unique-id={entry.id}>
      <td><button type="button" className="link" onClick={() => onOpen(entry.id)} title={entry.id}>{entry.name}</button></td>
      <td>{entry.kind}</td>
      <td>{entry.packageName}</td>
      <td>
        {entry.description ? <span>{clip(entry.description)}</span> : <span className="muted">—</span>}
        {match?.field === 'column' ? (
          <div className="small docs-column-match" data-testid="column-match">
            column <code>{match.column}</code>
            {match.in === 'description' && match.description ? <span className="muted">: {clip(match.description)}</span> : null}
            {hit.columnMatches > 1 ? <span className="muted"> (+{hit.columnMatches - 1} more)</span> : null}
          </div>
        ) : null}
      </td>
    </tr>
  );
}

function clip(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > DESCRIPTION_CHARS ? `${line.slice(0, DESCRIPTION_CHARS - 1)}…` : line;
}
