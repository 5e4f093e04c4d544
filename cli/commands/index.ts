import type { Command } from 'commander';
import { registerApprove } from './approve';
import { registerCancel } from './cancel';
import { registerDev } from './dev';
import { registerDiff } from './diff';
import { registerIngest } from './ingest';
import { registerInspect } from './inspect';
import { registerLogin } from './login';
import { registerLogs } from './logs';
import { registerPlan } from './plan';
import { registerPlans } from './plans';
import { registerReject } from './reject';
import { registerRun } from './run';
import { registerRuns } from './runs';
import { registerSchedules } from './schedules';
import { registerSelect } from './select';

/** Every `sluice` command, in the order `sluice --help` lists them. Add one line per command. */
export const commands: ReadonlyArray<(program: Command) => void> = [
  registerDev,
  registerInspect,
  registerDiff,
  registerSelect,
  registerPlan,
  registerLogin,
  registerIngest,
  registerPlans,
  registerApprove,
  registerReject,
  registerRun,
  registerLogs,
  registerCancel,
  registerRuns,
  registerSchedules,
];
