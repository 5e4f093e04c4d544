import { createReportWorker } from './reportWorker';

/** What activities need from the process that hosts them; built once at the composition root. */
export interface ActivityDeps {
  readonly workerIdentity: string;
  /** Path of the dbt executable in the project's virtualenv, or null when dbt is not installed. */
  readonly dbtExecutable: string | null;
}

/** Builds every activity with its dependencies (STYLE.md: activities-dependency-injection). */
export function createActivities(deps: ActivityDeps) {
  return {
    reportWorker: createReportWorker(deps),
  };
}

export type SluiceActivities = ReturnType<typeof createActivities>;
