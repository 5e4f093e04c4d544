import { useMemo, useState } from 'react';
import { useWorkspaceGraph } from '../client/queries';
import { ErrorState, Loading } from '../app/states';
import type { Current } from '../app/useCurrent';
import { NodePanel } from '../workspace/NodePanel';
import { NoVersion } from '../workspace/WorkspaceView';

const SHOWN = 300;

/** The project's documentation: every node, filterable, with its docs in the side panel. */
export function Docs({ current }: { readonly current: Current }) {
  const graph = useWorkspaceGraph(current.ref, null);
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return [...(graph.data?.nodes.values() ?? [])].filter((n) => n.kind !== 'test' && (q === '' || n.uniqueId.toLowerCase().includes(q)));
  }, [graph.data, filter]);
  if (!current.ref) return <NoVersion current={current} />;
  if (graph.isPending) return <Loading what="nodes" />;
  if (graph.isError) return <ErrorState error={graph.error} />;
  return (
    <div className="docs">
      <div className="page docs-list">
        <h1>Docs</h1>
        <input type="search" placeholder="Filter nodes" aria-label="Filter nodes" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <table className="grid-table">
          <thead><tr><th>Name</th><th>Kind</th><th>Package</th></tr></thead>
          <tbody>
            {rows.slice(0, SHOWN).map((n) => (
              <tr key={n.uniqueId} className={open === n.uniqueId ? 'current' : ''}>
                <td><button type="button" className="link" onClick={() => setOpen(n.uniqueId)}>{n.node.name}</button></td>
                <td>{n.kind}</td>
                <td>{n.node.packageName}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > SHOWN ? <p className="muted small">{rows.length - SHOWN} more: filter to narrow.</p> : null}
      </div>
      {open ? <NodePanel versionRef={current.ref} uniqueId={open} onClose={() => setOpen(null)} onOpenNode={setOpen} /> : null}
    </div>
  );
}
