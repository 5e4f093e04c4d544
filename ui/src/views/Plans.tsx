import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { createPlan, getPlan, startRun, type PlanNode, type PlanResource, type ProjectRef } from '../client/client';
import { useEnvironments } from '../client/queries';
import { navigate, useRoute } from '../app/router';
import { Empty, ErrorState, Loading } from '../app/states';
import { useCurrent } from '../app/useCurrent';
import { NoVersion } from '../workspace/WorkspaceView';
import { PlanGraph } from '../overlay/PlanGraph';
import { Badge, formatCost, formatSeconds, formatTime, RouteLink, scrollToRow } from './runParts';

/**
 * The Execution Plan view: choose an environment and a dbt selection, build the plan on the server
 * (POST …/plans), read it (action, reasons and estimate per node, totals, required approvals with the
 * plan hash) and run it (POST …/runs). `/plans/{id}` shows a stored plan.
 */
export function PlansView() {
  const current = useCurrent();
  const route = useRoute();
  const planId = route.view === 'plans' ? route.planId ?? null : null;
  const ref: ProjectRef | null = current.tenant && current.project ? { tenantId: current.tenant.id, projectId: current.project.id } : null;
  const stored = useQuery({
    queryKey: ['plan', ref?.tenantId, ref?.projectId, planId],
    queryFn: () => getPlan(ref as ProjectRef, planId as string),
    enabled: ref !== null && planId !== null,
    staleTime: Infinity,
  });
  if (!current.project || !ref) return <NoVersion current={current} />;
  return (
    <div className="page">
      <h1>Execution plans</h1>
      <PlanForm projectRef={ref} versionId={current.version?.id ?? null} />
      {planId === null ? (
        <p className="muted">Build a plan to see, for each selected node, what will run and why, before anything runs.</p>
      ) : stored.isPending ? <Loading what="the plan" /> : stored.isError ? <ErrorState error={stored.error} retry={() => void stored.refetch()} /> : (
        <PlanDetails key={stored.data.id} plan={stored.data} projectRef={ref} />
      )}
    </div>
  );
}

function PlanForm({ projectRef, versionId }: { readonly projectRef: ProjectRef; readonly versionId: string | null }) {
  const environments = useEnvironments(projectRef.tenantId, projectRef.projectId);
  const [environmentId, setEnvironmentId] = useState('');
  const [select, setSelect] = useState('');
  const [exclude, setExclude] = useState('');
  const [fullRefresh, setFullRefresh] = useState(false);
  const firstEnv = environments.data?.[0]?.id ?? '';
  useEffect(() => {
    if (environmentId === '' && firstEnv !== '') setEnvironmentId(firstEnv);
  }, [environmentId, firstEnv]);
  const create = useMutation({
    mutationFn: () =>
      createPlan(projectRef, {
        environmentId,
        ...(versionId ? { versionId } : {}),
        ...(select.trim() ? { select: select.trim() } : {}),
        ...(exclude.trim() ? { exclude: exclude.trim() } : {}),
        ...(fullRefresh ? { fullRefresh: true } : {}),
      }),
    onSuccess: (plan) => navigate({ view: 'plans', planId: plan.id }),
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (environmentId) create.mutate();
  };
  if (environments.isError) return <ErrorState error={environments.error} retry={() => void environments.refetch()} />;
  if (environments.data?.length === 0) return <Empty title="No environments"><p>A plan is built for an environment; create one first (<code>sluice env create</code>).</p></Empty>;
  return (
    <form className="panel" onSubmit={submit} aria-label="New plan">
      <div className="row gap" style={{ margin: 0 }}>
        <label>
          Environment{' '}
          <select aria-label="Environment" value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)}>
            {(environments.data ?? []).map((env) => <option key={env.id} value={env.id}>{env.name} ({env.target})</option>)}
          </select>
        </label>
        <label style={{ flex: '1 1 260px', display: 'flex', gap: 6, alignItems: 'center' }}>
          Select
          <input aria-label="Select" placeholder="e.g. +customers (empty: everything)" value={select} onChange={(e) => setSelect(e.target.value)} style={{ flex: 1, fontFamily: 'ui-monospace, Menlo, monospace' }} />
        </label>
        <label style={{ flex: '1 1 200px', display: 'flex', gap: 6, alignItems: 'center' }}>
          Exclude
          <input aria-label="Exclude" placeholder="optional" value={exclude} onChange={(e) => setExclude(e.target.value)} style={{ flex: 1, fontFamily: 'ui-monospace, Menlo, monospace' }} />
        </label>
        <label>
          <input type="checkbox" checked={fullRefresh} onChange={(e) => setFullRefresh(e.target.checked)} /> Full refresh
        </label>
        <button type="submit" className="primary" disabled={!environmentId || create.isPending}>{create.isPending ? 'Planning…' : 'Create plan'}</button>
      </div>
      {create.isError ? <p role="alert" style={{ color: 'var(--danger)', margin: '8px 0 0' }}>{create.error.message}</p> : null}
    </form>
  );
}

/** How the plan's nodes are shown: on the graph, as the table, or both (the default). */
export type PlanNodesView = 'both' | 'graph' | 'table';

const NODE_VIEWS: ReadonlyArray<{ readonly view: PlanNodesView; readonly label: string }> = [
  { view: 'both', label: 'Graph and table' },
  { view: 'graph', label: 'Graph' },
  { view: 'table', label: 'Table' },
];

/** A stored plan: totals, approvals, the nodes on the graph and as a table, and the button that runs it. */
export function PlanDetails({ plan, projectRef }: { readonly plan: PlanResource; readonly projectRef: ProjectRef }) {
  const [view, setView] = useState<PlanNodesView>('both');
  const [selected, setSelected] = useState<string | null>(null);
  const select = (id: string): void => setSelected((s) => (s === id ? null : id));
  const run = useMutation({
    mutationFn: () => startRun(projectRef, plan.id),
    onSuccess: (started) => navigate({ view: 'run', runId: started.run.id }),
  });
  const p = plan.plan;
  const { totals, approvals } = p;
  return (
    <section aria-label="Plan">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <div>
          <h2 style={{ margin: 0 }}>Plan for {p.environment.name}</h2>
          <div className="muted small">
            <code>{p.selection.select ?? 'everything'}</code>
            {p.selection.exclude ? <> excluding <code>{p.selection.exclude}</code></> : null}
            {p.selection.fullRefresh ? ' · full refresh' : ''} · created {formatTime(plan.createdAt)} by {plan.createdBy} ·{' '}
            <RouteLink route={{ view: 'runs' }}>runs</RouteLink>
          </div>
        </div>
        <div className="row">
          {run.isError ? <span role="alert" style={{ color: 'var(--danger)' }}>{run.error.message}</span> : null}
          <button type="button" className="primary" onClick={() => run.mutate()} disabled={run.isPending || totals.nodes.total === 0}>
            {run.isPending ? 'Starting…' : 'Run this plan'}
          </button>
        </div>
      </div>
      <PlanTotals plan={plan} />
      <div className="panel" aria-label="Approvals">
        <h3 style={{ marginTop: 0 }}>Approvals</h3>
        {approvals.required ? (
          <ul style={{ margin: '0 0 6px', paddingLeft: 18 }}>
            {approvals.rules.map((r) => (
              <li key={`${r.policyId}-${r.role}`}>
                {r.count} × <strong>{r.role}</strong> — {r.reason} <span className="muted small">({r.policyId})</span>
              </li>
            ))}
            {approvals.separationOfDuties ? <li>Separation of duties: the requester cannot approve.</li> : null}
          </ul>
        ) : <p style={{ margin: '0 0 6px' }}>No approval required: the run starts at once.</p>}
        <div className="small">Plan hash <code data-testid="plan-hash">{plan.planHash}</code> <span className="muted">(an approval is for this hash only)</span></div>
      </div>
      {p.selection.ignored.length ? <p className="muted small">Ignored (not executed by dbt): {p.selection.ignored.join(', ')}</p> : null}
      <div className="segmented" role="group" aria-label="Show the plan's nodes">
        {NODE_VIEWS.map((v) => (
          <button key={v.view} type="button" className={view === v.view ? 'active' : undefined} aria-pressed={view === v.view} onClick={() => setView(v.view)}>{v.label}</button>
        ))}
      </div>
      {view !== 'table' ? <PlanGraph plan={plan} projectRef={projectRef} selectedId={selected} onSelect={select} /> : null}
      {view !== 'graph' ? <PlanTable nodes={p.nodes} selectedId={selected} onSelect={select} /> : null}
    </section>
  );
}

export function PlanTotals({ plan }: { readonly plan: PlanResource }) {
  const t = plan.plan.totals;
  const cards: Array<[string, string, string?]> = [
    ['RUN', String(t.nodes.RUN)],
    ['PARTIAL', String(t.nodes.PARTIAL)],
    ['SKIP', String(t.nodes.SKIP)],
    ['makespan', formatSeconds(t.makespanSeconds), `at concurrency ${t.concurrency}; ${formatSeconds(t.estimatedSeconds)} of work`],
    ['estimated cost', formatCost(t.estimatedCost), t.budget === null ? 'no budget' : `budget ${formatCost(t.budget)}`],
  ];
  return (
    <div className="cards" data-testid="plan-totals">
      {cards.map(([label, value, note]) => (
        <div key={label} className="card">
          <div className="muted small">{label}</div>
          <div className="card-value" data-testid={`total-${label}`}>{value}</div>
          {note ? <div className="muted small">{note}</div> : null}
        </div>
      ))}
    </div>
  );
}

export interface PlanTableProps {
  readonly nodes: readonly PlanNode[];
  /** The node picked on the graph (or here): its row is highlighted and scrolled into view. */
  readonly selectedId?: string | null;
  readonly onSelect?: (uniqueId: string) => void;
}

export function PlanTable({ nodes, selectedId = null, onSelect }: PlanTableProps) {
  const table = useRef<HTMLTableElement>(null);
  useEffect(() => {
    if (selectedId !== null) scrollToRow(table.current, selectedId);
  }, [selectedId]);
  if (nodes.length === 0) return <Empty title="Nothing selected"><p>The selection matches no node dbt executes.</p></Empty>;
  return (
    <table ref={table} className="grid-table" aria-label="Plan nodes" style={{ tableLayout: 'fixed' }}>
      <thead>
        <tr><th style={{ width: 90 }}>Action</th><th style={{ width: '34%' }}>Node</th><th>Reasons</th><th style={{ width: 120, textAlign: 'right' }}>Estimate</th></tr>
      </thead>
      <tbody>
        {nodes.map((n) => (
          <tr
            key={n.uniqueId}
            data-unique-id={n.uniqueId}
            className={n.uniqueId === selectedId ? 'current' : undefined}
            data-selected={n.uniqueId === selectedId ? 'true' : undefined}
            onClick={onSelect ? () => onSelect(n.uniqueId) : undefined}
          >
            <td><Badge status={n.action} /></td>
            <td>
              <div><strong>{n.name}</strong> <span className="muted small">{n.kind} · dbt {n.command}{n.fullRefresh ? ' --full-refresh' : ''}</span></div>
              <code className="muted small" style={{ wordBreak: 'break-all' }}>{n.uniqueId}</code>
              {n.partition ? <div className="small">partition {n.partition.column} [{formatTime(n.partition.start)}, {formatTime(n.partition.end)})</div> : null}
            </td>
            <td>
              {n.reasons.length === 0 ? <span className="muted">—</span> : (
                <ul style={{ margin: 0, paddingLeft: 16 }}>
                  {n.reasons.map((r, i) => (
                    <li key={i} style={r.outcome === 'overruled' ? { opacity: 0.6, textDecoration: 'line-through' } : undefined} title={`${r.policyId} · ${r.outcome}`}>
                      {r.text} <span className="muted small">({r.policyId}{r.outcome === 'applied' ? '' : `, ${r.outcome}`})</span>
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td style={{ textAlign: 'right', whiteSpace: 'nowrap' }} title={n.estimate.detail}>
              {formatSeconds(n.estimate.seconds)}
              <div className="muted small">{n.estimate.basis}{n.estimate.cost ? ` · ${formatCost(n.estimate.cost)}` : ''}</div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
