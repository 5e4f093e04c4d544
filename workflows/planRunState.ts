/** The run's own state: what the `status` query shows and what the run ends with. */
import { nodeStates, type NodeCounts, type NodeState, type RunnableNode } from './dag';
import type {
  ApproveSignal, ChunkView, IgnoredSignal, LoadedRunPlan, NodeRunRecord, NodeView, PlanRunInput, PlanRunResult, PlanRunStatus,
  RejectSignal, RunLifecycle, TerminalLifecycle,
} from './planRunTypes';

export class PlanRunState {
  lifecycle: RunLifecycle = 'queued';
  reason: string | null = null;
  plan: LoadedRunPlan | null = null;
  readonly timings: Partial<Record<RunLifecycle, string>> = {};
  private ids: string[] = [];
  private views: NodeView[] = [];
  readonly chunks: ChunkView[] = [];
  readonly approvedBy: string[] = [];
  rejection: RejectSignal | null = null;
  readonly ignored: IgnoredSignal[] = [];

  constructor(
    private readonly input: PlanRunInput,
    private readonly workflowId: string,
  ) {
    this.timings.queued = new Date().toISOString();
  }

  setLifecycle(lifecycle: RunLifecycle): void {
    this.lifecycle = lifecycle;
    this.timings[lifecycle] = new Date().toISOString();
  }

  setPlan(plan: LoadedRunPlan): void {
    this.plan = plan;
    this.ids = plan.nodes.map((n) => n.id);
    this.views = plan.nodes.map(() => ({ state: 'pending', attempt: 0, startedAt: null, completedAt: null, errorType: null, message: null }));
    // Approvals that arrived before the plan was known are held to its rules now.
    if (plan.approvals.separationOfDuties && plan.approvals.requestedBy) {
      const self = this.approvedBy.indexOf(plan.approvals.requestedBy);
      if (self >= 0) {
        this.approvedBy.splice(self, 1);
        this.ignore('approve', plan.approvals.requestedBy, this.input.planHash, 'separation_of_duties');
      }
    }
  }

  setNode(i: number, record: Pick<NodeRunRecord, 'status' | 'attempt' | 'startedAt' | 'completedAt' | 'errorType' | 'message'>): void {
    this.views[i] = {
      state: record.status, attempt: record.attempt, startedAt: record.startedAt, completedAt: record.completedAt,
      errorType: record.errorType, message: record.message,
    };
  }

  nodeState(i: number): NodeState {
    return this.views[i]?.state ?? 'pending';
  }

  states(): NodeState[] {
    return this.views.map((v) => v.state);
  }

  onApprove(signal: ApproveSignal): void {
    if (signal.planHash !== this.input.planHash) return this.ignore('approve', signal.approver, signal.planHash, 'wrong_plan_hash');
    if (this.lifecycle !== 'queued' && this.lifecycle !== 'planning' && this.lifecycle !== 'awaiting_approval') {
      return this.ignore('approve', signal.approver, signal.planHash, 'not_awaiting_approval');
    }
    const a = this.plan?.approvals;
    if (a?.separationOfDuties && a.requestedBy === signal.approver) return this.ignore('approve', signal.approver, signal.planHash, 'separation_of_duties');
    if (this.approvedBy.includes(signal.approver)) return this.ignore('approve', signal.approver, signal.planHash, 'duplicate');
    this.approvedBy.push(signal.approver);
  }

  onReject(signal: RejectSignal): void {
    if (signal.planHash !== this.input.planHash) return this.ignore('reject', signal.approver, signal.planHash, 'wrong_plan_hash');
    if (this.rejection || (this.lifecycle !== 'queued' && this.lifecycle !== 'planning' && this.lifecycle !== 'awaiting_approval')) {
      return this.ignore('reject', signal.approver, signal.planHash, 'not_awaiting_approval');
    }
    this.rejection = signal;
  }

  /** The gate opens with the required count of distinct approvers; a rejection closes it for good. */
  get gateDecided(): boolean {
    return this.rejection !== null || this.approvedBy.length >= (this.plan?.approvals.requiredCount ?? 1);
  }

  counts(): NodeCounts {
    const counts = Object.fromEntries(nodeStates.map((s) => [s, 0])) as Record<NodeState, number>;
    for (const v of this.views) counts[v.state] += 1;
    return counts;
  }

  snapshot(): PlanRunStatus {
    return {
      runId: this.input.runId,
      workflowId: this.workflowId,
      planId: this.input.planId,
      planHash: this.input.planHash,
      lifecycle: this.lifecycle,
      reason: this.reason,
      timings: { ...this.timings },
      total: this.ids.length,
      counts: this.counts(),
      nodes: Object.fromEntries(this.ids.map((id, i) => [id, this.views[i] as NodeView])),
      approvals: {
        required: this.plan?.approvals.required ?? false,
        requiredCount: this.plan?.approvals.requiredCount ?? 0,
        approvedBy: [...this.approvedBy],
        rejectedBy: this.rejection?.approver ?? null,
        ignored: [...this.ignored],
      },
      chunks: this.chunks.map((c) => ({ ...c })),
    };
  }

  result(status: TerminalLifecycle): PlanRunResult {
    const pick = (state: NodeState) => this.ids.filter((_, i) => this.views[i]?.state === state);
    return { runId: this.input.runId, status, reason: this.reason, counts: this.counts(), failed: pick('failed'), interrupted: pick('interrupted') };
  }

  /** The terminal status the node states call for (cancel and rejection are decided elsewhere). */
  outcome(): TerminalLifecycle {
    const c = this.counts();
    if (c.failed + c.upstream_failed + c.not_run + c.interrupted > 0) return 'failed';
    return c.warning > 0 ? 'warning' : 'success';
  }

  nodes(): readonly RunnableNode[] {
    return this.plan?.nodes ?? [];
  }

  private ignore(signal: IgnoredSignal['signal'], approver: string, planHash: string, why: IgnoredSignal['why']): void {
    this.ignored.push({ signal, approver, planHash, why, at: new Date().toISOString() });
  }
}
