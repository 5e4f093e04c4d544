import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatSeconds } from '../views/runParts';
import type { OverlayRole } from './overlayGraph';
import { glyphOf, markKey, type MarkedNode, type MarkKey } from './overlayMarks';

/** One node of the plan or run graph; flat data, so a poll that changes nothing re-renders nothing. */
export type OverlayFlowNodeData = {
  readonly uniqueId: string;
  readonly label: string;
  readonly kind: string;
  readonly role: OverlayRole;
  readonly mark: MarkKey;
  /** Which data attribute tests and styles read: `data-action` (plan) or `data-status` (run). */
  readonly markType: 'action' | 'status' | 'context';
  /** The small text at the right: the estimate (plan) or the attempt when retried (run). */
  readonly meta: string;
  readonly title: string;
  readonly selected: boolean;
};

export type OverlayFlowNode = Node<OverlayFlowNodeData, 'overlay'>;

/** The hover text: unique_id, the mark, the plan's estimate and reasons, the run's attempt and error. */
export function describeMarked(n: MarkedNode): string {
  const key = markKey(n.mark);
  if (n.mark.type === 'context') return `${n.id}\nnot in the plan (a direct neighbour of it)`;
  const lines = [n.id];
  if (n.mark.type === 'status') {
    lines.push(`${key.replace(/_/g, ' ')}${n.attempt > 0 ? ` · attempt ${n.attempt}` : ''} · plan ${n.action ?? '—'}`);
    if (n.message) lines.push(n.message);
  } else {
    lines.push(`${key} · estimate ${formatSeconds(n.estimateSeconds)}${n.estimateDetail ? ` (${n.estimateDetail})` : ''}`);
    lines.push(...n.reasons);
  }
  return lines.join('\n');
}

/** An estimate short enough for a 200 px node ("45 s", "3 min", "1.5 h"); the hover text has it in full. */
export function shortSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 60) return formatSeconds(seconds);
  return seconds < 3600 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`;
}

export function flowDataOf(n: MarkedNode, selected: boolean): OverlayFlowNodeData {
  const meta = n.mark.type === 'action' ? shortSeconds(n.estimateSeconds) : n.mark.type === 'status' && n.attempt > 1 ? `×${n.attempt}` : '';
  return { uniqueId: n.id, label: n.label, kind: n.kind, role: n.role, mark: markKey(n.mark), markType: n.mark.type, meta, title: describeMarked(n), selected };
}

/** Same drawn content: a polled run reuses the previous node object, and React Flow skips it. */
export function sameFlowData(a: OverlayFlowNodeData, b: OverlayFlowNodeData): boolean {
  return a.uniqueId === b.uniqueId && a.label === b.label && a.kind === b.kind && a.role === b.role && a.mark === b.mark
    && a.markType === b.markType && a.meta === b.meta && a.title === b.title && a.selected === b.selected;
}

export const OverlayNodeView = memo(function OverlayNodeView({ data }: NodeProps<OverlayFlowNode>) {
  const glyph = glyphOf(data.mark);
  return (
    <div
      className={`gnode onode kind-${data.kind} om-${data.mark}${data.selected ? ' focused' : ''}`}
      data-testid="overlay-node"
      data-unique-id={data.uniqueId}
      data-role={data.role}
      data-action={data.markType === 'action' ? data.mark : undefined}
      data-status={data.markType === 'status' ? data.mark : undefined}
      data-selected={data.selected ? 'true' : undefined}
      title={data.title}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      {glyph ? <span className="onode-mark" aria-hidden="true">{glyph}</span> : null}
      <span className="gnode-label">{data.label}</span>
      {data.meta ? <span className="onode-meta">{data.meta}</span> : null}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

export const OVERLAY_NODE_TYPES = { overlay: OverlayNodeView };
