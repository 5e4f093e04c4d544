import type { Command } from 'commander';
import type * as DevModule from '../dev';

export function registerDev(program: Command): void {
  program
    .command('dev')
    .description('run Sluice on its embedded defaults: Temporal dev server, API + worker, example project')
    .action(async () => {
      // Loaded on demand so that other commands do not pay for the Temporal worker's start-up.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runDev } = require('../dev') as typeof DevModule;
      await runDev();
    });
}
