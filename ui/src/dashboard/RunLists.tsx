import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { listRuns, type ProjectRef, type Run, type RunStatus } from '../client/client';
import { ErrorState, Loading } from '../app/states';
import { Badge, formatSeconds, formatTime, isTerminal, RouteLink, secondsBetween, shortId } from '../views/runParts';

const RECENT = 10;
const WAITING = 20;

/** Runs from `GET …/runs` (newest first), re-read every 10 s like the Runs view when nothing is live. */
function useRunList(ref: ProjectRef, environmentId: string, status: RunStatus | null, limit: number): UseQueryResult<Run[]> {
  return useQuery({
    queryKey: ['dashboard-runs', ref.tenantId, ref.projectId, environmentId, status, limit],
    queryFn: () => listRuns(ref, { environmentId: environmentId || undefined, status: status ?? undefined, limit }),
    refetchInterval: 10_000,
  });
}

const envLabel = (envName: ReadonlyMap<string, string>, id: string): ReactNode => envName.get(id) ?? <code>{shortId(id)}</code>;

/** The runs waiting for an approval, each linking to its Run Detail (where approve / reject are). */
export function AwaitingApproval({ projectRef, environmentId, envName }: { readonly projectRef: ProjectRef; readonly environmentId: string; readonly envName: ReadonlyMap<string, string> }) {
  const runs = useRunList(projectRef, environmentId, 'awaiting_approval', WAITING);
  return (
    <section className="panel" aria-labelledby="dashboard-awaiting">
      <h2 id="dashboard-awaiting">Awaiting approval{runs.data ? ` (${runs.data.length}${runs.data.length === WAITING ? '+' : ''})` : ''}</h2>
      {runs.isPending ? <Loading what="runs awaiting approval" /> : runs.isError ? <ErrorState error={runs.error} retry={() => void runs.refetch()} /> : runs.data.length === 0 ? (
        <p className="muted" data-testid="awaiting-empty">Nothing waits for an approval.</p>
      ) : (
        <ul className="awaiting-list" aria-label="Runs awaiting approval">
          {runs.data.map((r) => (
            <li key={r.id} data-run-id={r.id}>
              <RouteLink route={{ view: 'run', runId: r.id }}>Review run <code>{shortId(r.id)}</code></RouteLink>
              <span className="muted small">
                {' '}{envLabel(envName, r.environmentId)} · requested by {r.requestedBy} · {formatTime(r.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The last runs: status, environment, start and duration, each linking to its Run Detail. */
export function RecentRuns({ projectRef, environmentId, envName }: { readonly projectRef: ProjectRef; readonly environmentId: string; readonly envName: ReadonlyMap<string, string> }) {
  const runs = useRunList(projectRef, environmentId, null, RECENT);
  return (
    <section className="panel" aria-labelledby="dashboard-recent">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="dashboard-recent">Recent runs</h2>
        <RouteLink route={{ view: 'runs' }}>All runs →</RouteLink>
      </div>
      {runs.isPending ? <Loading what="recent runs" /> : runs.isError ? <ErrorState error={runs.error} retry={() => void runs.refetch()} /> : runs.data.length === 0 ? (
        <p className="muted" data-testid="recent-empty">No runs yet.</p>
      ) : (
        <table className="grid-table" aria-label="Recent runs">
          <thead>
            <tr><th>Status</th><th>Run</th><th>Environment</th><th>Started</th><th>Duration</th></tr>
          </thead>
          <tbody>
            {[...runs.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((r) => (
              <tr key={r.id} data-run-id={r.id}>
                <td><Badge status={r.status} /></td>
                <td><RouteLink route={{ view: 'run', runId: r.id }}><code>{shortId(r.id)}</code></RouteLink></td>
                <td>{envLabel(envName, r.environmentId)}</td>
                <td>{r.startedAt ? formatTime(r.startedAt) : <span className="muted">not started</span>}</td>
                <td>{formatSeconds(secondsBetween(r.startedAt, r.finishedAt ?? (isTerminal(r.status) ? r.updatedAt : null)))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
