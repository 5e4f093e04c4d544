import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listRuns, type ProjectRef, type Run, type RunStatus } from '../client/client';
import { useEnvironments } from '../client/queries';
import { Empty, ErrorState, Loading } from '../app/states';
import { useCurrent } from '../app/useCurrent';
import { NoVersion } from '../workspace/WorkspaceView';
import { Badge, formatSeconds, formatTime, isTerminal, RouteLink, RUN_STATUSES, secondsBetween, shortId } from './runParts';
import { RUN_WINDOWS, runWindowBounds, type RunWindowId } from './runWindow';

/** The project's runs (GET …/runs), newest first, filtered by environment, status and time; refreshed while any is live. */
export function RunsView() {
  const current = useCurrent();
  const ref: ProjectRef | null = current.tenant && current.project ? { tenantId: current.tenant.id, projectId: current.project.id } : null;
  const environments = useEnvironments(ref?.tenantId ?? null, ref?.projectId ?? null);
  const [environmentId, setEnvironmentId] = useState('');
  const [status, setStatus] = useState<RunStatus | ''>('');
  const [windowId, setWindowId] = useState<RunWindowId>('any');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // Checked now for the error; the query recomputes its bounds on each fetch, so "last 24 hours" moves.
  const checked = runWindowBounds(windowId, Date.now(), from, to);
  const windowError = 'error' in checked ? checked.error : null;
  const runs = useQuery({
    queryKey: ['runs', ref?.tenantId, ref?.projectId, environmentId, status, windowId, from, to],
    queryFn: () => {
      const bounds = runWindowBounds(windowId, Date.now(), from, to);
      if ('error' in bounds) throw new Error(bounds.error);
      return listRuns(ref as ProjectRef, { environmentId: environmentId || undefined, status: status || undefined, ...bounds, limit: 200 });
    },
    enabled: ref !== null && windowError === null,
    refetchInterval: (q) => (q.state.data?.some((r) => !isTerminal(r.status)) ? 2000 : 10_000),
  });
  if (!ref) return <NoVersion current={current} />;
  const envName = new Map((environments.data ?? []).map((e) => [e.id, e.name]));
  return (
    <div className="page">
      <div className="row" style={{ justifyContent: 'space-between', alignItems: 'baseline' }}>
        <h1>Runs</h1>
        <RouteLink route={{ view: 'plans' }}>New plan →</RouteLink>
      </div>
      <div className="row gap" role="group" aria-label="Filters">
        <label>
          Environment{' '}
          <select aria-label="Environment filter" value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)}>
            <option value="">all</option>
            {(environments.data ?? []).map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
          </select>
        </label>
        <label>
          Status{' '}
          <select aria-label="Status filter" value={status} onChange={(e) => setStatus(e.target.value as RunStatus | '')}>
            <option value="">all</option>
            {RUN_STATUSES.map((s) => <option key={s} value={s}>{s.replace(/_/g, ' ')}</option>)}
          </select>
        </label>
        <label>
          Created{' '}
          <select aria-label="Time filter" value={windowId} onChange={(e) => setWindowId(e.target.value as RunWindowId)}>
            {RUN_WINDOWS.map((w) => <option key={w.id} value={w.id}>{w.label}</option>)}
          </select>
        </label>
        {windowId === 'range' ? (
          <>
            <input type="datetime-local" aria-label="Created from" value={from} onChange={(e) => setFrom(e.target.value)} />
            <span>and</span>
            <input type="datetime-local" aria-label="Created until" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={windowError !== null} />
          </>
        ) : null}
      </div>
      {windowError ? <p className="selection-status invalid" role="alert">{windowError}</p> : runs.isPending ? <Loading what="runs" /> : runs.isError ? <ErrorState error={runs.error} retry={() => void runs.refetch()} /> : (
        <RunsTable runs={runs.data} envName={envName} filtered={environmentId !== '' || status !== '' || windowId !== 'any'} />
      )}
    </div>
  );
}

export function RunsTable({ runs, envName, filtered }: { readonly runs: readonly Run[]; readonly envName: ReadonlyMap<string, string>; readonly filtered: boolean }) {
  if (runs.length === 0) {
    return filtered ? <Empty title="No runs match the filters" /> : (
      <Empty title="No runs yet"><p>Build a plan in <RouteLink route={{ view: 'plans' }}>Plans</RouteLink> and run it, or use <code>sluice run</code>.</p></Empty>
    );
  }
  const sorted = [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <table className="grid-table" aria-label="Runs">
      <thead>
        <tr><th>Status</th><th>Run</th><th>Environment</th><th>Created</th><th>Duration</th><th>Requested by</th><th>Plan</th></tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={r.id} data-run-id={r.id}>
            <td><Badge status={r.status} /></td>
            <td><RouteLink route={{ view: 'run', runId: r.id }}><code>{shortId(r.id)}</code></RouteLink></td>
            <td>{envName.get(r.environmentId) ?? <code>{shortId(r.environmentId)}</code>}</td>
            <td>{formatTime(r.createdAt)}</td>
            <td>{formatSeconds(secondsBetween(r.startedAt, r.finishedAt ?? (isTerminal(r.status) ? r.updatedAt : null)))}</td>
            <td>{r.requestedBy}</td>
            <td><RouteLink route={{ view: 'plans', planId: r.planId }}><code>{shortId(r.planId)}</code></RouteLink></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
