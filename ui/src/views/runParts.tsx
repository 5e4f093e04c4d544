import type { CSSProperties, ReactNode } from 'react';
import type { NodeRun, NodeState, PlanAction, PlanResource, RunDetail, RunStatus } from '../client/client';
import { navigate, pathOf, type Route } from '../app/router';

/** Small pieces shared by the Plan, Runs and Run Detail views: badges, formats, links, row scrolling, and the Run Detail's node lines and Gantt. */

export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'planning', 'awaiting_approval', 'running', 'success', 'warning', 'failed', 'canceled'];
const TERMINAL: ReadonlySet<string> = new Set(['success', 'warning', 'failed', 'canceled']);
export const isTerminal = (status: string): boolean => TERMINAL.has(status);

type Tone = 'ok' | 'warn' | 'danger' | 'accent' | 'muted';

const TONES: Record<string, Tone> = {
  success: 'ok', warning: 'warn', failed: 'danger', canceled: 'muted', queued: 'muted', planning: 'accent', running: 'accent',
  awaiting_approval: 'warn', pending: 'muted', skipped: 'muted', upstream_failed: 'danger', not_run: 'muted', interrupted: 'warn',
  RUN: 'accent', SKIP: 'muted', PARTIAL: 'warn',
};

const toneColor = (tone: Tone): string => (tone === 'muted' ? 'var(--muted)' : `var(--${tone})`);

export function toneOf(status: string): string {
  return toneColor(TONES[status] ?? 'muted');
}

/** A status (run lifecycle, node state or plan action) as a coloured pill. */
export function Badge({ status, title }: { readonly status: RunStatus | NodeState | PlanAction | string; readonly title?: string | undefined }) {
  const color = toneOf(status);
  const style: CSSProperties = {
    display: 'inline-block', padding: '0 8px', borderRadius: 10, fontSize: 12, fontWeight: 600, whiteSpace: 'nowrap',
    color, border: `1px solid ${color}`, background: 'var(--bg-3)',
  };
  return <span className={`badge badge-${status}`} data-status={status} style={style} title={title}>{status.replace(/_/g, ' ')}</span>;
}

/** Seconds as "850 ms", "12.3 s", "4 min 05 s" or "1 h 02 min". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

export function formatCost(cost: number): string {
  return cost === 0 ? '0' : cost < 0.01 ? cost.toFixed(6).replace(/0+$/, '') : cost.toFixed(2);
}

/** An ISO time as "YYYY-MM-DD HH:MM:SS" (UTC, as the API stores it). */
export const formatTime = (iso: string | null | undefined): string => (iso ? iso.slice(0, 19).replace('T', ' ') : '—');

export function secondsBetween(start: string | null, end: string | null, now: number = Date.now()): number | null {
  if (!start) return null;
  const from = Date.parse(start);
  const to = end ? Date.parse(end) : now;
  return Number.isFinite(from) && Number.isFinite(to) ? Math.max(0, (to - from) / 1000) : null;
}

/** An in-app link: a real href (open in a new tab works) that navigates without a reload. */
export function RouteLink({ route, children, className }: { readonly route: Route; readonly children: ReactNode; readonly className?: string }) {
  return (
    <a href={pathOf(route)} className={className} onClick={(e) => { if (e.button === 0 && !e.metaKey && !e.ctrlKey) { e.preventDefault(); navigate(route); } }}>
      {children}
    </a>
  );
}

export const shortId = (id: string): string => (id.length > 12 ? id.slice(0, 8) : id);

/** Scrolls the row of a node (`tr[data-unique-id]`) into view, only as far as needed; jsdom has no scrollIntoView. */
export function scrollToRow(table: HTMLElement | null, uniqueId: string): void {
  const rows = table ? Array.from(table.querySelectorAll('tr[data-unique-id]')) : [];
  const row = rows.find((r) => r.getAttribute('data-unique-id') === uniqueId);
  if (row && typeof row.scrollIntoView === 'function') row.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

// The Run Detail's node lines and timeline (kept here so RunDetail.tsx stays small).

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
