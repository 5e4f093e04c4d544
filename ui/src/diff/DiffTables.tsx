import { useState } from 'react';
import type { VersionDiff } from '../client/client';

/** The details under the graph: one table per kind of change (collapsible, open at first). */
export function DiffTables({ diff }: { readonly diff: VersionDiff }) {
  const [open, setOpen] = useState(true);
  return (
    <div className="diff-tables">
      <button type="button" className="link" aria-expanded={open} aria-controls="diff-tables-body" onClick={() => setOpen(!open)}>
        {open ? '▾ Hide the change tables' : '▸ Show the change tables'}
      </button>
      {open ? (
        <div id="diff-tables-body">
          {(['modified', 'added', 'removed'] as const).map((k) =>
            diff[k].length ? (
              <section key={k} className="panel">
                <h2>{k}</h2>
                <table className="grid-table">
                  <thead><tr><th>Node</th><th>Changes</th><th>Downstream impact</th></tr></thead>
                  <tbody>
                    {diff[k].map((d) => (
                      <tr key={d.uniqueId}>
                        <td><code>{d.uniqueId}</code></td>
                        <td>{d.changes.map((c) => <span key={c} className="chip">{c}</span>)}</td>
                        <td>{d.impacted.length}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ) : null,
          )}
        </div>
      ) : null}
    </div>
  );
}
