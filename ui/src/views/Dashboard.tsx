import type { Current } from '../app/useCurrent';
import { navigate } from '../app/router';
import { ErrorState, Loading } from '../app/states';
import { NoVersion } from '../workspace/WorkspaceView';

/** The landing page: what is loaded, and where to go next. */
export function Dashboard({ current }: { readonly current: Current }) {
  const { project, version, versions } = current;
  if (!project || !version) return <NoVersion current={current} />;
  if (versions.isError) return <ErrorState error={versions.error} />;
  if (versions.isPending) return <Loading what="versions" />;
  return (
    <div className="page">
      <h1>{project.name}</h1>
      <div className="cards">
        <Card title="Latest version" value={version.createdAt.slice(0, 16).replace('T', ' ')} note={version.gitSha ? `git ${version.gitSha.slice(0, 7)}` : 'no git sha'} />
        <Card title="Nodes" value={version.nodeCount.toLocaleString()} note={`${version.edgeCount.toLocaleString()} edges`} />
        <Card title="dbt" value={version.dbtVersion ?? 'unknown'} note={version.manifestSchema} />
        <Card title="Versions" value={String(versions.data.length)} note="ingested artifact sets" />
      </div>
      <div className="row gap">
        <button type="button" className="primary" onClick={() => navigate({ view: 'graph' })}>
          Open the graph
        </button>
        <button type="button" onClick={() => navigate({ view: 'diff' })} disabled={versions.data.length < 2}>
          Compare versions
        </button>
      </div>
      <section className="panel">
        <h2>Runs</h2>
        <p className="muted">Recent runs, their status and durations will show here (not built yet in the UI; see Runs).</p>
      </section>
    </div>
  );
}

function Card({ title, value, note }: { readonly title: string; readonly value: string; readonly note: string }) {
  return (
    <div className="card">
      <div className="muted small">{title}</div>
      <div className="card-value">{value}</div>
      <div className="muted small">{note}</div>
    </div>
  );
}
