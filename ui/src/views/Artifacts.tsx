import type { Current } from '../app/useCurrent';
import { ErrorState, Loading } from '../app/states';
import { NoVersion } from '../workspace/WorkspaceView';
import { useScope } from '../app/scope';

const size = (bytes: number): string => (bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`);

/** Every ingested version of the project and the artifact files it holds (content-addressed). */
export function Artifacts({ current }: { readonly current: Current }) {
  const setVersion = useScope((s) => s.setVersion);
  const { versions } = current;
  if (!current.project) return <NoVersion current={current} />;
  if (versions.isPending) return <Loading what="versions" />;
  if (versions.isError) return <ErrorState error={versions.error} retry={() => void versions.refetch()} />;
  if (versions.data.length === 0) return <NoVersion current={current} />;
  return (
    <div className="page">
      <h1>Artifacts</h1>
      <table className="grid-table">
        <thead>
          <tr><th>Ingested</th><th>Git</th><th>dbt</th><th>Schema</th><th>Nodes</th><th>Files</th><th /></tr>
        </thead>
        <tbody>
          {versions.data.map((v) => (
            <tr key={v.id} className={v.id === current.version?.id ? 'current' : ''}>
              <td>{v.createdAt.slice(0, 19).replace('T', ' ')}</td>
              <td><code>{v.gitSha?.slice(0, 7) ?? '—'}</code></td>
              <td>{v.dbtVersion ?? '—'}</td>
              <td>{v.manifestSchema}</td>
              <td>{v.nodeCount.toLocaleString()}</td>
              <td>
                {v.files.map((f) => (
                  <span key={f.kind} className="chip" title={`sha256 ${f.sha256}`}>
                    {f.kind} · {size(f.size)}
                  </span>
                ))}
              </td>
              <td>
                {v.id === current.version?.id ? <span className="muted small">viewing</span> : (
                  <button type="button" onClick={() => setVersion(v.id)}>View</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
