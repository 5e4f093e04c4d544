import type { CSSProperties, ReactNode } from 'react';
import type { NodeState, PlanAction, RunStatus } from '../client/client';
import { navigate, pathOf, type Route } from '../app/router';

/** Small pieces shared by the Plan, Runs and Run Detail views: badges, formats, links. */

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
