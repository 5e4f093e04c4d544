import { Command, CommanderError } from 'commander';
import { commands } from './commands';
import { CliError } from './errors';

/** Builds the `sluice` program; each command lives in its own module under cli/commands/. */
export function buildProgram(): Command {
  const program = new Command('sluice')
    .description('Sluice: a control plane for dbt projects (plans, approvals, durable runs on Temporal)')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of commands) register(program);
  return program;
}

/**
 * Runs the CLI. A user error prints one line on stderr and sets the exit code it carries
 * (2 for bad input, 1 otherwise); nothing else is printed for it.
 */
export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof CliError) {
      process.stderr.write(`sluice: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    throw err;
  }
}
