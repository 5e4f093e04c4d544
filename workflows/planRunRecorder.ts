import { CancellationScope, log } from '@temporalio/workflow';
import { runStateActivities } from './planRunProxies';
import type { NodeRunRecord } from './planRunTypes';

/**
 * Persists node results in batches through an activity, one batch in flight at a time, outside any
 * cancellation (a canceled run still records what happened). `drain` waits until all are written.
 */
export class RunRecorder {
  private pending: NodeRunRecord[] = [];
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly tenantId: string,
    private readonly runId: string,
    private readonly batch: number,
  ) {}

  add(record: NodeRunRecord): void {
    this.pending.push(record);
    if (this.pending.length >= this.batch) this.kick();
  }

  async drain(): Promise<void> {
    while (this.inFlight || this.pending.length > 0) {
      if (!this.inFlight) this.kick();
      await this.inFlight;
    }
  }

  private kick(): void {
    if (this.inFlight || this.pending.length === 0) return;
    const records = this.pending.splice(0, Math.max(this.batch, 1) * 4);
    this.inFlight = CancellationScope.nonCancellable(() =>
      runStateActivities.recordNodeRuns({ tenantId: this.tenantId, runId: this.runId, records }),
    ).then(
      () => {
        this.inFlight = null;
        if (this.pending.length >= this.batch) this.kick();
      },
      (err: unknown) => {
        // Only a non-retryable failure gets here (the run row is gone): nothing more can be written.
        this.inFlight = null;
        log.warn('node results could not be recorded', { runId: this.runId, count: records.length, error: String(err) });
      },
    );
  }
}
