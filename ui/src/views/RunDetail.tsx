import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  approveRun, cancelRun, getPlan, getRun, rejectRun, rerunRun, runLogsUrl,
  type PlanResource, type ProjectRef, type RunDetail,
} from '../client/client';
import { navigate } from '../app/router';
import { ErrorState, Loading } from '../app/states';
import { useCurrent } from '../app/useCurrent';
import { PlanGraph } from '../overlay/PlanGraph';
import { NoVersion } from '../workspace/WorkspaceView';
import { Badge, formatSeconds, formatTime, isTerminal, nodeLines, RouteLink, scrollToRow, secondsBetween, shortId, Timeline } from './runParts';

/** How often a live run is read again (GET …/runs/{id}; `live` is the workflow's status query). */
export const RUN_POLL_MS = 1500;

/** One run: lifecycle, per-node states on the graph and in a table, a Gantt timeline, live logs, approve / reject / cancel / rerun. */
export function RunDetailView({ runId }: { readonly runId: string }) {
  const current = useCurrent();
  // The node picked on the graph, in the table or in the logs' node filter: all three follow it.
  const [selected, setSelected] = useState<string | null>(null);
  const toggle = useCallback((id: string) => setSelected((s) => (s === id ? null : id)), []);
  const filterLogs = useCallback((id: string) => setSelected(id === '' ? null : id), []);
  useEffect(() => setSelected(null), [runId]);
  const ref: ProjectRef | null = current.tenant && current.project ? { tenantId: current.tenant.id, projectId: current.project.id } : null;
  const run = useQuery({
    queryKey: ['run', ref?.tenantId, ref?.projectId, runId],
    queryFn: () => getRun(ref as ProjectRef, runId),
    enabled: ref !== null,
    refetchInterval: (q) => (q.state.data && isTerminal(q.state.data.run.status) ? false : RUN_POLL_MS),
  });
  const planId = run.data?.run.planId ?? null;
  const plan = useQuery({
    queryKey: ['plan', ref?.tenantId, ref?.projectId, planId],
    queryFn: () => getPlan(ref as ProjectRef, planId as string),
    enabled: ref !== null && planId !== null,
    staleTime: Infinity,
  });
  if (!ref) return <NoVersion current={current} />;
  if (run.isPending) return <Loading what={`run ${runId}`} />;
  if (run.isError) return <ErrorState error={run.error} retry={() => void run.refetch()} />;
  return (
    <div className="page" style={{ maxWidth: 1400 }}>
      <RunDetailBody detail={run.data} plan={plan.data ?? null} projectRef={ref} selectedId={selected} onSelect={toggle} />
      <RunLogs projectRef={ref} runId={runId} node={selected ?? ''} onNodeChange={filterLogs} />
    </div>
  );
}

export interface RunDetailBodyProps {
  readonly detail: RunDetail;
  readonly plan: PlanResource | null;
  readonly projectRef: ProjectRef;
  /** The selected node (highlighted on the graph and in the table); without it the body keeps its own. */
  readonly selectedId?: string | null;
  /** A node was clicked on the graph or in the table. */
  readonly onSelect?: (uniqueId: string) => void;
}

export function RunDetailBody({ detail, plan, projectRef, selectedId, onSelect }: RunDetailBodyProps) {
  const { run, live } = detail;
  const lines = useMemo(() => nodeLines(detail, plan), [detail, plan]);
  const [own, setOwn] = useState<string | null>(null);
  const selected = selectedId === undefined ? own : selectedId;
  const select = onSelect ?? ((id: string) => setOwn((s) => (s === id ? null : id)));
  const table = useRef<HTMLTableElement>(null);
  useEffect(() => {
    if (selected !== null) scrollToRow(table.current, selected);
  }, [selected]);
  const status = run.status;
  const counts = new Map<string, number>();
  lines.forEach((l) => counts.set(l.state, (counts.get(l.state) ?? 0) + 1));
  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <div>
          <h1 style={{ marginBottom: 4 }}>
            Run <code>{shortId(run.id)}</code> <span data-testid="run-status"><Badge status={status} /></span>
          </h1>
          <div className="muted small">
            {run.id} · plan <RouteLink route={{ view: 'plans', planId: run.planId }}><code>{shortId(run.planId)}</code></RouteLink>
            {plan ? <> · {plan.plan.environment.name} · <code>{plan.plan.selection.select ?? 'everything'}</code></> : null}
            {' '}· requested by {run.requestedBy} · created {formatTime(run.createdAt)}
            {run.startedAt ? <> · took {formatSeconds(secondsBetween(run.startedAt, run.finishedAt ?? (isTerminal(status) ? run.updatedAt : null)))}</> : null}
          </div>
          {live?.reason ? <p style={{ margin: '6px 0 0' }}>Reason: {live.reason}</p> : null}
          {live === null && !isTerminal(status) ? <p className="muted small" style={{ margin: '6px 0 0' }}>The workflow did not answer its status query; showing stored node rows.</p> : null}
        </div>
        <div className="row">
          {detail.temporalUrl ? <a href={detail.temporalUrl} target="_blank" rel="noreferrer">Open in Temporal ↗</a> : null}
          <RunActions detail={detail} projectRef={projectRef} />
        </div>
      </div>
      <div className="row" style={{ margin: '12px 0' }} aria-label="Node counts">
        {[...counts].map(([state, n]) => <span key={state} className="row" style={{ gap: 4 }}><Badge status={state} /> {n}</span>)}
        <span className="muted small">{lines.length} nodes</span>
      </div>
      {plan ? <PlanGraph plan={plan} projectRef={projectRef} run={lines} selectedId={selected} onSelect={select} /> : null}
      <Timeline lines={lines} />
      <table ref={table} className="grid-table" aria-label="Node states">
        <thead><tr><th>State</th><th>Node</th><th>Action</th><th>Attempt</th><th>Started</th><th>Duration</th><th>Message</th></tr></thead>
        <tbody>
          {lines.map((l) => (
            <tr
              key={l.uniqueId}
              data-unique-id={l.uniqueId}
              data-state={l.state}
              className={l.uniqueId === selected ? 'current' : undefined}
              data-selected={l.uniqueId === selected ? 'true' : undefined}
              onClick={() => select(l.uniqueId)}
            >
              <td><Badge status={l.state} /></td>
              <td><strong>{l.name}</strong><div><code className="muted small">{l.uniqueId}</code></div></td>
              <td>{l.action ?? '—'}</td>
              <td>{l.attempt || '—'}</td>
              <td>{formatTime(l.startedAt)}</td>
              <td>{formatSeconds(secondsBetween(l.startedAt, l.completedAt))}</td>
              <td className="small" style={{ maxWidth: 420, wordBreak: 'break-word' }}>{l.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function RunActions({ detail, projectRef }: { readonly detail: RunDetail; readonly projectRef: ProjectRef }) {
  const client = useQueryClient();
  const { run } = detail;
  const [note, setNote] = useState('');
  const [confirmCancel, setConfirmCancel] = useState(false);
  const refresh = (): void => void client.invalidateQueries({ queryKey: ['run', projectRef.tenantId, projectRef.projectId, run.id] });
  const approve = useMutation({ mutationFn: () => approveRun(projectRef, run.id, detail.planHash, note || undefined), onSuccess: refresh });
  const reject = useMutation({ mutationFn: () => rejectRun(projectRef, run.id, detail.planHash, note || undefined), onSuccess: refresh });
  const cancel = useMutation({ mutationFn: () => cancelRun(projectRef, run.id, 'canceled from the web UI'), onSuccess: () => { setConfirmCancel(false); refresh(); } });
  const rerun = useMutation({ mutationFn: () => rerunRun(projectRef, run.id), onSuccess: (r) => navigate({ view: 'run', runId: r.run.id }) });
  const awaiting = run.status === 'awaiting_approval' || detail.live?.lifecycle === 'awaiting_approval';
  const ended = isTerminal(run.status);
  const failure = [approve, reject, cancel, rerun].find((m) => m.isError)?.error;
  const approvals = detail.live?.approvals;
  return (
    <div className="row" role="group" aria-label="Run actions">
      {awaiting ? (
        <div className="row panel" style={{ margin: 0, padding: '6px 10px' }} aria-label="Approval">
          <span className="small">
            Plan hash <code title={detail.planHash}>{detail.planHash.slice(0, 12)}…</code>
            {approvals ? ` · ${approvals.approvedBy.length}/${approvals.requiredCount} approvals` : ''}
          </span>
          <input aria-label="Approval note" placeholder="note (optional)" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 160 }} />
          <button type="button" className="primary" onClick={() => approve.mutate()} disabled={approve.isPending}>Approve</button>
          <button type="button" onClick={() => reject.mutate()} disabled={reject.isPending}>Reject</button>
        </div>
      ) : null}
      {!ended ? (
        confirmCancel ? (
          <>
            <button type="button" style={{ borderColor: 'var(--danger)', color: 'var(--danger)' }} onClick={() => cancel.mutate()} disabled={cancel.isPending}>Confirm cancel</button>
            <button type="button" onClick={() => setConfirmCancel(false)}>Keep running</button>
          </>
        ) : <button type="button" onClick={() => setConfirmCancel(true)}>Cancel run</button>
      ) : null}
      {ended && run.status !== 'success' ? (
        <button type="button" onClick={() => rerun.mutate()} disabled={rerun.isPending} title="A new run of the nodes that failed or did not finish">Rerun from failure</button>
      ) : null}
      {failure ? <span role="alert" style={{ color: 'var(--danger)' }}>{failure.message}</span> : null}
    </div>
  );
}

export interface LogLine {
  readonly id: string;
  readonly uniqueId: string | null;
  readonly ts: string | null;
  readonly level: string | null;
  readonly msg: string;
}

const MAX_LINES = 5000;

function parseLog(id: string, data: string): LogLine {
  try {
    const d = JSON.parse(data) as { uniqueId?: unknown; nodeId?: unknown; ts?: unknown; level?: unknown; msg?: unknown };
    const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    return { id, uniqueId: str(d.uniqueId) ?? str(d.nodeId), ts: str(d.ts), level: str(d.level), msg: str(d.msg) ?? data };
  } catch {
    return { id, uniqueId: null, ts: null, level: null, msg: data };
  }
}

export interface RunLogsProps {
  readonly projectRef: ProjectRef;
  readonly runId: string;
  /** The node filter ('' for all nodes) when the page drives it (a click on the graph); else the panel keeps its own. */
  readonly node?: string;
  readonly onNodeChange?: (uniqueId: string) => void;
}

/** The run's dbt logs streamed over SSE (EventSource on …/logs), with a search box and a node filter. */
export function RunLogs({ projectRef, runId, node: nodeFilter, onNodeChange }: RunLogsProps) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [state, setState] = useState<'connecting' | 'live' | 'ended' | 'unavailable'>('connecting');
  const [search, setSearch] = useState('');
  const [ownNode, setOwnNode] = useState('');
  const node = nodeFilter ?? ownNode;
  const setNode = onNodeChange ?? setOwnNode;
  const url = runLogsUrl(projectRef, runId);
  useEffect(() => {
    setLines([]);
    if (typeof EventSource === 'undefined') {
      setState('unavailable');
      return undefined;
    }
    setState('connecting');
    const source = new EventSource(url);
    let buffer: LogLine[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = (): void => {
      timer = null;
      const batch = buffer;
      buffer = [];
      setLines((prev) => {
        const next = prev.concat(batch);
        return next.length > MAX_LINES ? next.slice(next.length - MAX_LINES) : next;
      });
    };
    source.addEventListener('open', () => setState('live'));
    source.addEventListener('log', (e) => {
      const m = e as MessageEvent<string>;
      const line = parseLog(m.lastEventId, m.data);
      if (line.msg.trim() === '') return;
      buffer.push(line);
      if (timer === null) timer = setTimeout(flush, 100);
    });
    source.addEventListener('end', () => {
      source.close();
      if (timer !== null) clearTimeout(timer);
      flush();
      setState('ended');
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) setState('unavailable');
    });
    return () => {
      source.close();
      if (timer !== null) clearTimeout(timer);
    };
  }, [url]);
  // The filtered node is offered even before it has logged a line (picked on the graph while pending).
  const nodes = useMemo(() => [...new Set([...lines.map((l) => l.uniqueId), node].filter((u): u is string => u !== null && u !== ''))].sort(), [lines, node]);
  const needle = search.trim().toLowerCase();
  const shown = lines.filter((l) => (node === '' || l.uniqueId === node) && (needle === '' || l.msg.toLowerCase().includes(needle) || (l.uniqueId ?? '').toLowerCase().includes(needle)));
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (el && search === '') el.scrollTop = el.scrollHeight;
  }, [shown.length, search]);
  return (
    <section className="panel" aria-label="Logs">
      <div className="row" style={{ marginBottom: 8 }}>
        <h2 style={{ margin: 0 }}>Logs</h2>
        <span className="muted small" data-testid="log-state">
          {state === 'connecting' ? 'connecting…' : state === 'live' ? 'live' : state === 'ended' ? 'run ended' : 'log stream unavailable'} · {shown.length}/{lines.length} lines
        </span>
        <span className="spacer" />
        <select aria-label="Log node" value={node} onChange={(e) => setNode(e.target.value)}>
          <option value="">all nodes</option>
          {nodes.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
        <input type="search" aria-label="Search logs" placeholder="Search logs" value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 260 }} />
      </div>
      <div ref={box} data-testid="log-lines" style={{ maxHeight: 360, overflow: 'auto', background: 'var(--bg)', border: '1px solid var(--border)', borderRadius: 6, padding: '6px 8px', fontFamily: 'ui-monospace, Menlo, monospace', fontSize: 12 }}>
        {shown.length === 0 ? <div className="muted">{lines.length === 0 ? 'No log lines yet.' : 'No line matches.'}</div> : shown.map((l, i) => (
          <div key={`${l.id}-${i}`} data-testid="log-line" data-unique-id={l.uniqueId ?? ''} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', color: l.level === 'error' ? 'var(--danger)' : l.level === 'warn' ? 'var(--warn)' : undefined }}>
            <span className="muted">{l.ts ? l.ts.slice(11, 19) : ''} {l.uniqueId ? l.uniqueId.split('.').pop() : ''}</span> {l.msg}
          </div>
        ))}
      </div>
    </section>
  );
}
