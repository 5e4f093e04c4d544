import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';

/** What each drawn node carries; kept flat and small so 5,000 of them stay cheap to diff. */
export type DbtFlowNodeData = {
  readonly label: string;
  readonly kind: string;
  readonly uniqueId: string;
  readonly highlight: 'normal' | 'selected' | 'dimmed';
  readonly focused: boolean;
};

export type GroupFlowNodeData = {
  readonly label: string;
  readonly groupKey: string;
  readonly size: number;
  readonly selectedCount: number;
  readonly highlight: 'normal' | 'selected' | 'dimmed';
};

export type DbtFlowNode = Node<DbtFlowNodeData, 'dbt'>;
export type GroupFlowNode = Node<GroupFlowNodeData, 'dbtgroup'>;

export const DbtNodeView = memo(function DbtNodeView({ data }: NodeProps<DbtFlowNode>) {
  return (
    <div
      className={`gnode kind-${data.kind} hl-${data.highlight}${data.focused ? ' focused' : ''}`}
      data-testid="graph-node"
      data-unique-id={data.uniqueId}
      data-highlight={data.highlight}
      title={data.uniqueId}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <span className="gnode-kind">{data.kind}</span>
      <span className="gnode-label">{data.label}</span>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

export const GroupNodeView = memo(function GroupNodeView({ data }: NodeProps<GroupFlowNode>) {
  return (
    <div className={`gnode gnode-group hl-${data.highlight}`} data-testid="graph-group" data-group-key={data.groupKey} data-highlight={data.highlight} title={`${data.groupKey}: double-click to expand`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <span className="gnode-kind">{data.groupKey.slice(0, data.groupKey.indexOf(':'))}</span>
      <span className="gnode-label">{data.label}</span>
      <span className="gnode-count">
        {data.size} nodes{data.selectedCount > 0 ? ` · ${data.selectedCount} selected` : ''}
      </span>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

// Not 'group': React Flow styles its own built-in group type.
export const NODE_TYPES = { dbt: DbtNodeView, dbtgroup: GroupNodeView };
