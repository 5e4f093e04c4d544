import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  approveRun, cancelRun, getPlan, getRun, rejectRun, rerunRun, runLogsUrl,
  type NodeRun, type PlanResource, type ProjectRef, type RunDetail,
} from '../client/client';
import { navigate } from '../app/router';
import { ErrorState, Loading } from '../app/states';
import { useCurrent } from '../app/useCurrent';
import { NoVersion } from '../workspace/WorkspaceView';
import { Badge, formatSeconds, formatTime, isTerminal, RouteLink, secondsBetween, shortId, toneOf } from './runParts';

/** How often a live run is read again (GET …/runs/{id}; `live` is the workflow's status query). */
export const RUN_POLL_MS = 1500;

/** One run: lifecycle, per-node states, a Gantt timeline, live logs, approve / reject / cancel / rerun. */
export function RunDetailView({ runId }: { readonly runId: string }) {
  const current = useCurrent();
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
      <RunDetailBody detail={run.data} plan={plan.data ?? null} projectRef={ref} />
      <RunLogs projectRef={ref} runId={runId} />
    </div>
  );
}

export interface NodeLine {
  readonly uniqueId: string;
  readonly name: string;
  readonly action: string | null;
  readonly state: string;
  readonly attempt: number;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly message: string | null;
}

/** The latest attempt per node (rows are one per attempt). */
function latestRows(rows: readonly NodeRun[]): Map<string, NodeRun> {
  const latest = new Map<string, NodeRun>();
  for (const r of rows) {
    const seen = latest.get(r.uniqueId);
    if (!seen || r.attempt >= seen.attempt) latest.set(r.uniqueId, r);
  }
  return latest;
}

/** Every node of the run, in plan order: the live state when the workflow answers, else the stored row. */
export function nodeLines(detail: RunDetail, plan: PlanResource | null): NodeLine[] {
  const rows = latestRows(detail.nodes);
  const live = detail.live?.nodes ?? {};
  const ids: string[] = [];
  const seen = new Set<string>();
  const add = (id: string): void => {
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  };
  plan?.plan.nodes.forEach((n) => add(n.uniqueId));
  Object.keys(live).forEach(add);
  rows.forEach((_, id) => add(id));
  const planned = new Map((plan?.plan.nodes ?? []).map((n) => [n.uniqueId, n]));
  const ended = isTerminal(detail.run.status);
  return ids.map((id) => {
    const p = planned.get(id);
    const v = live[id];
    const r = rows.get(id);
    const fallback = p?.action === 'SKIP' ? 'skipped' : ended ? 'not_run' : 'pending';
    return {
      uniqueId: id,
      name: p?.name ?? id.split('.').pop() ?? id,
      action: p?.action ?? null,
      state: v?.state ?? r?.status ?? fallback,
      attempt: v?.attempt ?? r?.attempt ?? 0,
      startedAt: r?.startedAt ?? v?.startedAt ?? null,
      completedAt: r?.completedAt ?? v?.completedAt ?? null,
      message: v?.message ?? r?.message ?? null,
    };
  });
}

export function RunDetailBody({ detail, plan, projectRef }: { readonly detail: RunDetail; readonly plan: PlanResource | null; readonly projectRef: ProjectRef }) {
  const { run, live } = detail;
  const lines = nodeLines(detail, plan);
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
      <Timeline lines={lines} />
      <table className="grid-table" aria-label="Node states">
        <thead><tr><th>State</th><th>Node</th><th>Action</th><th>Attempt</th><th>Started</th><th>Duration</th><th>Message</th></tr></thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.uniqueId} data-unique-id={l.uniqueId} data-state={l.state}>
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

/** A Gantt chart of node executions: one bar per node from its start to its end (now while running). */
export function Timeline({ lines, now = Date.now() }: { readonly lines: readonly NodeLine[]; readonly now?: number }) {
  const bars = lines
    .filter((l) => l.startedAt)
    .map((l) => ({ line: l, start: Date.parse(l.startedAt as string), end: l.completedAt ? Date.parse(l.completedAt) : now }))
    .filter((b) => Number.isFinite(b.start) && Number.isFinite(b.end))
    .sort((a, b) => a.start - b.start);
  if (bars.length === 0) return <div className="panel muted small" aria-label="Timeline">No node has started yet.</div>;
  const t0 = Math.min(...bars.map((b) => b.start));
  const t1 = Math.max(...bars.map((b) => b.end), t0 + 1);
  const span = t1 - t0;
  return (
    <div className="panel" aria-label="Timeline" style={{ padding: '10px 14px' }}>
      <div className="row small muted" style={{ justifyContent: 'space-between', marginLeft: 220 }}>
        <span>0 s</span><span>{formatSeconds(span / 2000)}</span><span>{formatSeconds(span / 1000)}</span>
      </div>
      {bars.map(({ line, start, end }) => (
        <div key={line.uniqueId} className="row" style={{ flexWrap: 'nowrap', gap: 0, height: 20 }} data-testid="timeline-row">
          <div className="small" style={{ width: 220, flex: 'none', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', paddingRight: 8 }} title={line.uniqueId}>
            {line.name}
          </div>
          <div style={{ position: 'relative', flex: 1, height: 12, background: 'var(--bg-3)', borderRadius: 3 }}>
            <div
              data-testid="timeline-bar"
              title={`${line.uniqueId}: ${line.state}, ${formatSeconds((end - start) / 1000)}`}
              style={{
                position: 'absolute', top: 0, bottom: 0, borderRadius: 3, background: toneOf(line.state), minWidth: 2,
                left: `${((start - t0) / span) * 100}%`, width: `${Math.max(0.3, ((end - start) / span) * 100)}%`,
              }}
            />
          </div>
        </div>
      ))}
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

/** The run's dbt logs streamed over SSE (EventSource on …/logs), with a search box and a node filter. */
export function RunLogs({ projectRef, runId }: { readonly projectRef: ProjectRef; readonly runId: string }) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [state, setState] = useState<'connecting' | 'live' | 'ended' | 'unavailable'>('connecting');
  const [search, setSearch] = useState('');
  const [node, setNode] = useState('');
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
  const nodes = useMemo(() => [...new Set(lines.map((l) => l.uniqueId).filter((u): u is string => u !== null))].sort(), [lines]);
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
