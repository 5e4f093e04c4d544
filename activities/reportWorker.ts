import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface WorkerReport {
  readonly identity: string;
  readonly pid: number;
  readonly dbtVersion: string | null;
}

/** Reports which worker ran the activity and which dbt it has: the self-check's evidence. */
export function createReportWorker(deps: { readonly workerIdentity: string; readonly dbtExecutable: string | null }) {
  return async function reportWorker(): Promise<WorkerReport> {
    return { identity: deps.workerIdentity, pid: process.pid, dbtVersion: await dbtVersion(deps.dbtExecutable) };
  };
}

async function dbtVersion(executable: string | null): Promise<string | null> {
  if (!executable) return null;
  const { stdout } = await run(executable, ['--version'], { timeout: 30_000 });
  return /installed:\s*([\w.]+)/.exec(stdout)?.[1] ?? null;
}
