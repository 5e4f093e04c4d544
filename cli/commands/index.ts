import type { Command } from 'commander';
import { registerDev } from './dev';

/** Every `sluice` command, in the order `sluice --help` lists them. Add one line per command. */
export const commands: ReadonlyArray<(program: Command) => void> = [registerDev];
