import type { Command } from 'commander';
import { registerDecision } from './approve';

/** `sluice reject RUN_ID`: the run ends canceled with the reason. */
export function registerReject(program: Command): void {
  registerDecision(program, 'reject');
}
