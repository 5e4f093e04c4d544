import type { Command } from 'commander';

export function registerDev(program: Command): void {
  program
    .command('dev')
    .description('run Sluice on its embedded defaults: Temporal dev server, API + worker, example project')
    .action(async () => {
      const { runDev } = await import('../dev');
      await runDev();
    });
}
