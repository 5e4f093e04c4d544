/** The bus topic of a run's dbt log events: workers publish there, the API streams it (ARCHITECTURE §6). */
export const runLogTopic = (runId: string): string => `run:${runId}:logs`;
