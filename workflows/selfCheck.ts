import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { SluiceActivities } from '../activities';

const { reportWorker } = proxyActivities<SluiceActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
});

export interface SelfCheckResult {
  readonly workflowId: string;
  readonly worker: { readonly identity: string; readonly pid: number; readonly dbtVersion: string | null };
}

/**
 * Proves a worker can run Sluice's workflows end to end: the workflow bundle loads in the sandbox,
 * the server hands out tasks, and an activity runs with the worker's real dependencies.
 */
export async function selfCheckWorkflow(): Promise<SelfCheckResult> {
  const worker = await reportWorker();
  return { workflowId: workflowInfo().workflowId, worker };
}
