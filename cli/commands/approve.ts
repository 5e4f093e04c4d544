import type { Command } from 'commander';
import { ApiClient } from '../apiClient';

interface DecideOptions {
  readonly tenant?: string;
  readonly project?: string;
  readonly planHash?: string;
  readonly note?: string;
}

interface GateDecision {
  runId: string;
  planHash: string;
  counted: boolean;
  approvedBy: string[];
  requiredCount: number;
}

/** Shared by `approve` and `reject`: one call with an Idempotency-Key (retried safely on network errors). */
export function registerDecision(program: Command, decision: 'approve' | 'reject'): void {
  program
    .command(decision)
    .description(decision === 'approve' ? "approve a run's plan (the API checks your role and separation of duties)" : "reject a run's plan: the run ends canceled")
    .argument('<runId>', 'the run waiting for approval')
    .option('--plan-hash <sha256>', 'the plan hash you reviewed (refused if the run has another)')
    .option('--note <text>', decision === 'approve' ? 'a comment' : 'the reason')
    .option('--tenant <id>', 'tenant (default: from login)')
    .option('--project <id>', 'project (default: from login)')
    .action(async (runId: string, options: DecideOptions) => {
      const client = ApiClient.fromConfig();
      const json = { ...(options.planHash ? { planHash: options.planHash } : {}), ...(options.note ? { note: options.note } : {}) };
      const d = await client.request<GateDecision>('POST', `${client.projectBase(options)}/runs/${encodeURIComponent(runId)}/${decision}`, { json, idempotent: true });
      const what = decision === 'approve' ? `approved (${d.approvedBy.length}/${d.requiredCount})` : 'rejected';
      process.stdout.write(`run ${d.runId} ${d.counted ? what : `already ${what}`} for plan ${d.planHash.slice(0, 12)}\n`);
    });
}

export function registerApprove(program: Command): void {
  registerDecision(program, 'approve');
}
