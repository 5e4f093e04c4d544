import { useMemo, useState } from 'react';
import type { WorkspaceGraph } from '../graph/model';

const MAX_HITS = 12;

/** Finds nodes by name or unique_id substring; picking one focuses it on the canvas. */
export function SearchBox({ graph, onPick }: { readonly graph: WorkspaceGraph; readonly onPick: (uniqueId: string) => void }) {
  const [text, setText] = useState('');
  const hits = useMemo(() => {
    const q = text.trim().toLowerCase();
    if (q === '') return [];
    const out: string[] = [];
    for (const [id, n] of graph.nodes) {
      if (n.node.name.toLowerCase().includes(q) || id.toLowerCase().includes(q)) out.push(id);
      if (out.length >= MAX_HITS) break;
    }
    return out;
  }, [graph, text]);
  return (
    <section className="search" aria-label="Search nodes">
      <input type="search" placeholder="Search nodes by name" aria-label="Search nodes" value={text} onChange={(e) => setText(e.target.value)} />
      {hits.length ? (
        <ul className="link-list">
          {hits.map((id) => (
            <li key={id}>
              <button type="button" className="link" onClick={() => onPick(id)}>
                {graph.nodes.get(id)?.node.name} <span className="muted small">{graph.nodes.get(id)?.kind}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : text.trim() ? (
        <p className="muted small">No node matches.</p>
      ) : null}
    </section>
  );
}
