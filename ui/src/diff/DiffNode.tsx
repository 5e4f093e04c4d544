import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { DiffPane, NodeStatus } from './diffGraph';

/** One node of a Diff pane; flat data so big diffs stay cheap to compare. */
export type DiffFlowNodeData = {
  readonly uniqueId: string;
  readonly label: string;
  readonly kind: string;
  readonly pane: DiffPane;
  readonly status: NodeStatus;
  readonly changes: readonly string[];
  readonly impacts: number;
  /** Its details are open in the node panel. */
  readonly open: boolean;
};

export type DiffFlowNode = Node<DiffFlowNodeData, 'diffnode'>;

/** The mark drawn before a changed node's name (the colour says it too; the mark is for colour-blind eyes). */
export function markOf(status: NodeStatus): string {
  switch (status) {
    case 'added':
      return '+';
    case 'removed':
      return '−';
    case 'modified':
      return '~';
    case 'impacted':
      return '↳';
    case 'unchanged':
      return '';
    default: {
      const unreachable: never = status;
      return String(unreachable);
    }
  }
}

/** The hover text: unique_id, status, what changed and how far it reaches. */
export function describeNode(data: DiffFlowNodeData): string {
  const lines = [data.uniqueId, data.status];
  if (data.changes.length) lines.push(`changed: ${data.changes.join(', ')}`);
  if (data.status !== 'unchanged' && data.status !== 'impacted' && data.impacts > 0) lines.push(`${data.impacts} downstream impacted`);
  if (data.status === 'impacted') lines.push('downstream of a change');
  return lines.join('\n');
}

export const DiffNodeView = memo(function DiffNodeView({ data }: NodeProps<DiffFlowNode>) {
  const mark = markOf(data.status);
  const [first, ...rest] = data.changes;
  return (
    <div
      className={`gnode dnode kind-${data.kind} ds-${data.status}${data.open ? ' focused' : ''}`}
      data-testid="diff-node"
      data-unique-id={data.uniqueId}
      data-status={data.status}
      data-pane={data.pane}
      title={describeNode(data)}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      {mark ? <span className="dnode-mark" aria-hidden="true">{mark}</span> : null}
      <span className="gnode-kind">{data.kind}</span>
      <span className="gnode-label">{data.label}</span>
      {first ? (
        <span className="dnode-changes" data-testid="diff-node-changes" data-changes={data.changes.join(' ')}>
          <span className="chip">{first}</span>
          {rest.length ? <span className="chip">+{rest.length}</span> : null}
        </span>
      ) : null}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

export const DIFF_NODE_TYPES = { diffnode: DiffNodeView };
