import type { Command } from 'commander';
import { registerDev } from './dev';
import { registerDiff } from './diff';
import { registerInspect } from './inspect';
import { registerPlan } from './plan';
import { registerSelect } from './select';

/** Every `sluice` command, in the order `sluice --help` lists them. Add one line per command. */
export const commands: ReadonlyArray<(program: Command) => void> = [
  registerDev,
  registerInspect,
  registerDiff,
  registerSelect,
  registerPlan,
];
