import { useState } from 'react';
import type { VersionDiff } from '../client/client';
import { useDiff } from '../client/queries';
import { versionLabel } from '../app/ScopePicker';
import { Empty, ErrorState, Loading } from '../app/states';
import type { Current } from '../app/useCurrent';
import { NoVersion } from '../workspace/WorkspaceView';

/** What changed between two versions (GET …/versions/{v}/diff?base=…): added, removed, modified, impact. */
export function Diff({ current }: { readonly current: Current }) {
  const versions = current.versions.data ?? [];
  const [baseId, setBaseId] = useState<string | null>(null);
  const head = current.version;
  const base = versions.find((v) => v.id === baseId) ?? versions.find((v) => head && v.id !== head.id && v.createdAt <= head.createdAt) ?? null;
  const diff = useDiff(current.ref, base?.id ?? null);
  if (!current.ref || !head) return <NoVersion current={current} />;
  if (versions.length < 2) return <Empty title="Nothing to compare yet"><p>A diff needs two versions of the project; ingest another one.</p></Empty>;
  return (
    <div className="page">
      <h1>Diff</h1>
      <div className="row gap">
        <label>
          Base{' '}
          <select aria-label="Base version" value={base?.id ?? ''} onChange={(e) => setBaseId(e.target.value)}>
            {versions.filter((v) => v.id !== head.id).map((v) => (
              <option key={v.id} value={v.id}>{versionLabel(v, false)}</option>
            ))}
          </select>
        </label>
        <span>→ {versionLabel(head, head.id === versions[0]?.id)}</span>
      </div>
      {diff.isPending ? <Loading what="the diff" /> : diff.isError ? <ErrorState error={diff.error} /> : <DiffBody diff={diff.data} />}
    </div>
  );
}

function DiffBody({ diff }: { readonly diff: VersionDiff }) {
  return (
    <>
      <div className="cards">
        {(['added', 'removed', 'modified', 'impacted'] as const).map((k) => (
          <div key={k} className={`card diff-${k}`}>
            <div className="muted small">{k}</div>
            <div className="card-value">{diff.counts[k]}</div>
          </div>
        ))}
      </div>
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
      {diff.counts.added + diff.counts.removed + diff.counts.modified === 0 ? <p className="muted">The two versions have the same nodes.</p> : null}
    </>
  );
}
