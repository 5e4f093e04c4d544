import { Empty } from '../app/states';

/** Views the UI does not build yet say so, what they will show, and where to look meanwhile. */
export function PlansView() {
  return (
    <Empty title="Execution plans">
      <p>
        Plans (for each selected node: RUN, SKIP or PARTIAL, the policy decisions behind it, estimated duration and cost,
        required approvals) with approve and reject are the UI&apos;s next step. Meanwhile use <code>sluice plan</code> and
        <code>sluice approve</code>.
      </p>
    </Empty>
  );
}

export function RunsView() {
  return (
    <Empty title="Runs">
      <p>
        Runs with their live node states, a Gantt timeline, streamed logs with search, cancel, rerun and a link to the run&apos;s
        Temporal workflow are the UI&apos;s next step. Meanwhile use <code>sluice run</code>, <code>sluice logs</code>,
        <code>sluice cancel</code> and the Temporal Web UI (link at the top right).
      </p>
    </Empty>
  );
}

export function RunDetailView({ runId }: { readonly runId: string }) {
  return (
    <Empty title={`Run ${runId}`}>
      <p>The run detail view is not built yet: use <code>sluice logs</code> or the Temporal Web UI.</p>
    </Empty>
  );
}
