import { resolve } from 'node:path';

/** The repository root, for tests that run the CLI or read examples/. */
export const repoRoot = resolve(__dirname, '..', '..');

/**
 * A setting of the running test services. `npm test` starts them and exports these variables
 * (scripts/services.sh); running jest by hand needs `source .sluice/test/services.env` first.
 */
export function serviceEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the tests with 'npm test', or 'bash scripts/services.sh up && source .sluice/test/services.env' first`);
  }
  return value;
}
