import type { Environment, NodeEstimate, NodeExecution, NodeHistory, VersionRef } from '../client/client';
import { useEnvironments, useNodeHistory } from '../client/queries';
import { Empty, ErrorState, Loading } from '../app/states';
import { Badge, formatCost, formatSeconds, formatTime, RouteLink, secondsBetween, shortId } from '../views/runParts';

/** The panel's environment choice: an environment id, every environment, or (null) the first one. */
export type EnvironmentChoice = string | null;
export const ALL_ENVIRONMENTS = '*';

/** How many recent executions the panel lists. */
const RECENT = 20;

/**
 * The node panel's "Recent runs" and "Est. cost" tabs: `GET …/nodes/{uniqueId}/history` for the
 * environment picked here (the first by default), read only while one of these tabs is open.
 */
export function NodeActivity({ facet, versionRef, uniqueId, choice, onChoice }: {
  readonly facet: 'runs' | 'cost';
  readonly versionRef: VersionRef;
  readonly uniqueId: string;
  readonly choice: EnvironmentChoice;
  readonly onChoice: (choice: EnvironmentChoice) => void;
}) {
  const envs = useEnvironments(versionRef.tenantId, versionRef.projectId);
  const environmentId = choice === ALL_ENVIRONMENTS ? null : (choice ?? envs.data?.[0]?.id ?? null);
  const history = useNodeHistory(versionRef, uniqueId, environmentId, { enabled: envs.isSuccess, limit: RECENT });
  if (envs.isPending) return <Loading what="environments" />;
  if (envs.isError) return <ErrorState error={envs.error} retry={() => void envs.refetch()} />;
  return (
    <div className="node-activity">
      <EnvironmentPicker environments={envs.data} value={environmentId ?? ALL_ENVIRONMENTS} onChange={onChoice} />
      {history.isPending ? (
        <Loading what={facet === 'runs' ? 'recent runs' : 'the estimate'} />
      ) : history.isError ? (
        <ErrorState error={history.error} retry={() => void history.refetch()} />
      ) : facet === 'runs' ? (
        <>
          <EstimateLine history={history.data} hasEnvironments={envs.data.length > 0} />
          <RecentRuns history={history.data} />
        </>
      ) : (
        <EstimateDetails history={history.data} hasEnvironments={envs.data.length > 0} />
      )}
    </div>
  );
}

function EnvironmentPicker({ environments, value, onChange }: { readonly environments: readonly Environment[]; readonly value: string; readonly onChange: (c: EnvironmentChoice) => void }) {
  return (
    <label className="row small">
      Environment
      <select aria-label="Environment" value={value} onChange={(e) => onChange(e.target.value)}>
        {environments.map((env) => <option key={env.id} value={env.id}>{env.name}</option>)}
        <option value={ALL_ENVIRONMENTS}>all environments (no estimate)</option>
      </select>
    </label>
  );
}

/** Why there is no estimate, when there is none. */
function noEstimateReason(history: NodeHistory, hasEnvironments: boolean): string {
  if (!hasEnvironments) return 'No environment yet: create one to estimate this node.';
  if (history.environmentId === null) return 'Pick an environment to estimate this node.';
  // The API leaves the estimate out for what no plan contains (policies/context.ts).
  return history.kind === 'model' ? 'An ephemeral model is never run by a plan: no estimate.' : `A plan never runs a ${history.kind}: no estimate.`;
}

/** One line: what a plan built now would estimate. */
function EstimateLine({ history, hasEnvironments }: { readonly history: NodeHistory; readonly hasEnvironments: boolean }) {
  const e = history.estimate;
  if (e === null) return <p className="muted small" data-testid="estimate-line">{noEstimateReason(history, hasEnvironments)}</p>;
  return (
    <p className="estimate-line" data-testid="estimate-line" title={e.detail}>
      <strong>Estimated cost</strong> {formatSeconds(e.seconds)} · {formatCost(e.cost)} · <span className="chip">{e.basis}</span> in {e.environment.name}
    </p>
  );
}

function EstimateDetails({ history, hasEnvironments }: { readonly history: NodeHistory; readonly hasEnvironments: boolean }) {
  const e: NodeEstimate | null = history.estimate;
  if (e === null) return <p className="muted" data-testid="estimate-line">{noEstimateReason(history, hasEnvironments)}</p>;
  return (
    <div>
      <EstimateLine history={history} hasEnvironments={hasEnvironments} />
      <dl className="facts" aria-label="Estimate">
        <dt>Duration</dt><dd>{formatSeconds(e.seconds)}</dd>
        <dt>Cost</dt><dd>{formatCost(e.cost)} <span className="muted small">at {e.costRatePerHour}/h</span></dd>
        <dt>Basis</dt><dd>{e.basis}</dd>
        <dt>How</dt><dd>{e.detail}</dd>
        <dt>Environment</dt><dd>{e.environment.name}</dd>
      </dl>
      <p className="muted small">The figure a plan built now would use: the same history and estimator as the Plans view.</p>
    </div>
  );
}

function RecentRuns({ history }: { readonly history: NodeHistory }) {
  const rows = history.executions;
  return (
    <section aria-label="Recent runs">
      <h3>Recent runs</h3>
      {rows.length === 0 ? (
        <Empty title="No runs yet">
          <p className="small">This node has not run {history.environmentId === null ? 'in any environment' : 'in this environment'} yet.</p>
        </Empty>
      ) : (
        <table className="grid-table compact" aria-label="Recent runs of the node">
          <thead><tr><th>Status</th><th>When</th><th>Duration</th><th>Run</th></tr></thead>
          <tbody>
            {rows.map((x) => <ExecutionRow key={`${x.runId}/${x.attempt}`} x={x} />)}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ExecutionRow({ x }: { readonly x: NodeExecution }) {
  const seconds = x.executionTime ?? secondsBetween(x.startedAt, x.completedAt);
  return (
    <tr data-run-id={x.runId} data-status={x.status} title={x.message ?? undefined}>
      <td>
        <Badge status={x.status} />
        {x.attempt > 1 ? <span className="muted small"> attempt {x.attempt}</span> : null}
      </td>
      <td className="small">{formatTime(x.startedAt ?? x.runCreatedAt)}</td>
      <td>{formatSeconds(seconds)}</td>
      <td>
        <RouteLink route={{ view: 'run', runId: x.runId }}>{shortId(x.runId)}</RouteLink>{' '}
        <span className="muted small">{x.environment.name} · {x.runStatus.replace(/_/g, ' ')}</span>
      </td>
    </tr>
  );
}
