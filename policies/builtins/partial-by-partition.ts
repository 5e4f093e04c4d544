/**
 * partial_by_partition: an incremental model with an explicit partition contract
 * (`meta.sluice.partition`) runs PARTIAL over [start, end): from `lookback` periods before the
 * current one (or from its last successful run, when that is earlier) to the end of the current
 * period. The plan carries the range and the dbt vars that select it. No contract, no PARTIAL.
 */
import type { Decision, Policy } from '../types';
import { formatBoundary, parsePartitionContract, rawPartitionContract, shift, truncate } from './partition-contract';

export const PARTIAL_BY_PARTITION_ID = 'partial_by_partition';

export function partialByPartition(): Policy {
  return {
    id: PARTIAL_BY_PARTITION_ID,
    stage: 'action',
    description: 'Run incremental models that declare a partition contract over a partition range only.',
    evaluate(ctx) {
      const out: Decision[] = [];
      for (let pos = 0; pos < ctx.dag.order.length; pos++) {
        const id = ctx.dag.order[pos] as string;
        const node = ctx.planNodes[pos]?.node;
        if (node === undefined || node.kind !== 'model') continue;
        const raw = rawPartitionContract(node);
        if (raw === undefined) continue;
        const note = (reason: string): void => {
          out.push({ type: 'note', policyId: PARTIAL_BY_PARTITION_ID, nodeId: id, reason: `no PARTIAL: ${reason}`, evidence: {} });
        };
        if (node.materialized !== 'incremental') {
          note(`a partition contract needs an incremental model (materialized: ${node.materialized ?? 'unknown'})`);
          continue;
        }
        const contract = parsePartitionContract(raw);
        if (typeof contract === 'string') {
          note(`invalid partition contract: ${contract}`);
          continue;
        }
        const last = ctx.history.lastSuccess(id);
        if (last === null && !ctx.history.inCatalog(id)) {
          note('the table has never been built here; its first run builds it in full');
          continue;
        }
        const g = contract.granularity;
        const current = truncate(ctx.nowMs, g);
        const end = shift(current, g, 1);
        let start = shift(current, g, -contract.lookback);
        let why = `lookback ${contract.lookback} ${g}(s) before ${new Date(current).toISOString()}`;
        const lastStart = last?.startedMs ?? last?.completedMs ?? null;
        if (lastStart !== null && truncate(lastStart, g) < start) {
          start = truncate(lastStart, g);
          why = `from the ${g} of the last successful run (${last?.startedAt ?? last?.completedAt}), earlier than the lookback`;
        }
        const range = { column: contract.column, granularity: g, lookback: contract.lookback, start: new Date(start).toISOString(), end: new Date(end).toISOString() };
        const vars = { [contract.startVar]: formatBoundary(start, g), [contract.endVar]: formatBoundary(end, g) };
        out.push({
          type: 'action',
          policyId: PARTIAL_BY_PARTITION_ID,
          nodeId: id,
          action: 'PARTIAL',
          class: 'automatic_partial',
          reason: `partition contract on ${contract.column} by ${g}: process [${range.start}, ${range.end}): ${why}; vars ${contract.startVar}=${vars[contract.startVar]}, ${contract.endVar}=${vars[contract.endVar]}`,
          evidence: { column: contract.column, granularity: g, lookback: contract.lookback, start: range.start, end: range.end },
          partition: { range, vars },
        });
      }
      return out;
    },
  };
}
