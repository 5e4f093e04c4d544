import type { Current } from '../app/useCurrent';
import { navigate } from '../app/router';
import { ErrorState, Loading } from '../app/states';
import { RunsOverview } from '../dashboard/RunsOverview';
import { StatCard } from '../dashboard/StatCard';
import { NoVersion } from '../workspace/WorkspaceView';

/** The landing page: what is loaded, how runs go (trends, waiting approvals, recent runs), where to go next. */
export function Dashboard({ current }: { readonly current: Current }) {
  const { tenant, project, version, versions } = current;
  if (!tenant || !project || !version) return <NoVersion current={current} />;
  if (versions.isError) return <ErrorState error={versions.error} />;
  if (versions.isPending) return <Loading what="versions" />;
  return (
    <div className="page">
      <h1>{project.name}</h1>
      <div className="cards">
        <StatCard title="Latest version" value={version.createdAt.slice(0, 16).replace('T', ' ')} note={version.gitSha ? `git ${version.gitSha.slice(0, 7)}` : 'no git sha'} />
        <StatCard title="Nodes" value={version.nodeCount.toLocaleString()} note={`${version.edgeCount.toLocaleString()} edges`} />
        <StatCard title="dbt" value={version.dbtVersion ?? 'unknown'} note={version.manifestSchema} />
        <StatCard title="Versions" value={String(versions.data.length)} note="ingested artifact sets" />
      </div>
      <div className="row gap">
        <button type="button" className="primary" onClick={() => navigate({ view: 'graph' })}>
          Open the graph
        </button>
        <button type="button" onClick={() => navigate({ view: 'diff' })} disabled={versions.data.length < 2}>
          Compare versions
        </button>
      </div>
      <RunsOverview projectRef={{ tenantId: tenant.id, projectId: project.id }} />
    </div>
  );
}
