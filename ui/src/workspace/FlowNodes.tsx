import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';

/** What each drawn node carries; kept flat and small so 5,000 of them stay cheap to diff. */
export type DbtFlowNodeData = {
  readonly label: string;
  readonly kind: string;
  readonly uniqueId: string;
  readonly highlight: 'normal' | 'selected' | 'dimmed';
  readonly focused: boolean;
  /** Data tests and unit tests attached to the node while tests are not drawn (0 when they are). */
  readonly dataTests: number;
  readonly unitTests: number;
  /** Whether the selection selects any of those tests. */
  readonly testsSelected: boolean;
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

const plural = (count: number, what: string): string => `${count} ${what}${count === 1 ? '' : 's'}`;

/** The hover text of a node's test badge, e.g. "3 data tests, 1 unit test (selected)". */
export function testBadgeTitle(dataTests: number, unitTests: number, selected: boolean): string {
  const parts = [dataTests > 0 ? plural(dataTests, 'data test') : null, unitTests > 0 ? plural(unitTests, 'unit test') : null].filter((p) => p !== null);
  return `${parts.join(', ')}${selected ? ' (selected)' : ''}`;
}

export const DbtNodeView = memo(function DbtNodeView({ data }: NodeProps<DbtFlowNode>) {
  const tests = data.dataTests + data.unitTests;
  return (
    <div
      className={`gnode kind-${data.kind} hl-${data.highlight}${data.focused ? ' focused' : ''}${data.testsSelected ? ' tests-selected' : ''}`}
      data-testid="graph-node"
      data-unique-id={data.uniqueId}
      data-highlight={data.highlight}
      title={data.uniqueId}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <span className="gnode-kind">{data.kind}</span>
      <span className="gnode-label">{data.label}</span>
      {tests > 0 ? (
        <span
          className={`gnode-tests${data.testsSelected ? ' selected' : ''}`}
          data-testid="test-badge"
          data-selected={data.testsSelected}
          title={testBadgeTitle(data.dataTests, data.unitTests, data.testsSelected)}
        >
          ✓{tests}
        </span>
      ) : null}
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
