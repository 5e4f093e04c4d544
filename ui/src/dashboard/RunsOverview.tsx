import { useState } from 'react';
import type { ProjectRef, RunTrends } from '../client/client';
import { useEnvironments, useRunTrends } from '../client/queries';
import { Empty, ErrorState, Loading } from '../app/states';
import { RouteLink } from '../views/runParts';
import { AwaitingApproval, RecentRuns } from './RunLists';
import { TrendCards } from './TrendCards';
import { TrendCharts } from './TrendCharts';
import { TrendControls, type TrendDays } from './TrendControls';

/** The dashboard's runs: the window's cards and charts (`GET …/run-trends`), waiting and recent runs. */
export function RunsOverview({ projectRef }: { readonly projectRef: ProjectRef }) {
  const [days, setDays] = useState<TrendDays>(30);
  const [environmentId, setEnvironmentId] = useState('');
  const environments = useEnvironments(projectRef.tenantId, projectRef.projectId);
  const trends = useRunTrends(projectRef, days, environmentId || null);
  const envName = new Map((environments.data ?? []).map((e) => [e.id, e.name]));
  return (
    <>
      <section className="panel" aria-labelledby="dashboard-runs">
        <div className="row dashboard-head">
          <h2 id="dashboard-runs">Runs</h2>
          <TrendControls days={days} onDays={setDays} environmentId={environmentId} onEnvironment={setEnvironmentId} environments={environments.data ?? []} />
        </div>
        {trends.isPending ? <Loading what="run trends" /> : trends.isError ? <ErrorState error={trends.error} retry={() => void trends.refetch()} /> : <Trends trends={trends.data} />}
      </section>
      <div className="dashboard-columns">
        <AwaitingApproval projectRef={projectRef} environmentId={environmentId} envName={envName} />
        <RecentRuns projectRef={projectRef} environmentId={environmentId} envName={envName} />
      </div>
    </>
  );
}

function Trends({ trends }: { readonly trends: RunTrends }) {
  if (trends.totals.runs === 0) {
    return (
      <Empty title={`No runs in the last ${trends.days} days`}>
        <p>
          Build a plan in <RouteLink route={{ view: 'plans' }}>Plans</RouteLink> and run it, or use <code>sluice run</code>: success rate, durations and
          costs show here once runs exist.
          {trends.awaitingApproval > 0 ? ` ${trends.awaitingApproval} older run${trends.awaitingApproval === 1 ? '' : 's'} still await approval.` : ''}
        </p>
      </Empty>
    );
  }
  return (
    <>
      <TrendCards trends={trends} />
      <TrendCharts trends={trends} />
    </>
  );
}
