// Shared set-up of the schedule tests: an API with Temporal, and a worker that runs the project's
// workflows with the real scheduled-run planner (api/services/schedulesPlanner.ts) and a no-op node.
import { createFsBlobStore } from '../../../adapters/blobs/fsBlobStore';
import { createActivities } from '../../../activities';
import { withAttempt } from '../../../activities/planRunNode';
import { storeRunStateSink } from '../../../activities/runStateSink';
import { storeScheduledRunPlanner } from '../../../api/services/schedulesPlanner';
import { connectTemporalClient, type TemporalClientHandle } from '../../../temporal/client';
import { temporalConfigSchema, type TemporalConfig } from '../../../temporal/config';
import { installTemporalRuntime } from '../../../temporal/runtime';
import { registerSearchAttributes } from '../../../temporal/searchAttributes';
import { deleteTemporalSchedule } from '../../../temporal/schedules';
import { startSluiceWorker, type SluiceWorker } from '../../../temporal/worker';
import { serviceEnv } from '../../support/env';
import type { TestDatabaseId } from '../store/testDatabases';
import { noopExecuteNode } from '../workflows/support/noopNodes';
import type { TestApi } from './harness';
import { startRunsTestApi } from './plansSupport';

export interface ScheduleTestEnv {
  readonly api: TestApi;
  readonly temporal: TemporalClientHandle;
  readonly config: TemporalConfig;
  readonly worker: SluiceWorker;
  /** Remembers a schedule to delete from Temporal at the end (the dev server outlives the test). */
  track(tenantId: string, scheduleId: string): void;
  close(): Promise<void>;
}

export async function startScheduleTestEnv(dbId: TestDatabaseId, name: string): Promise<ScheduleTestEnv> {
  try {
    installTemporalRuntime('WARN');
  } catch {
    // already installed in this jest worker
  }
  const config = temporalConfigSchema.parse({ address: serviceEnv('SLUICE_TEST_TEMPORAL_ADDRESS'), taskQueue: `${name}-${dbId}-${process.pid}-${Date.now()}` });
  const temporal = await connectTemporalClient(config);
  await registerSearchAttributes(temporal.connection, config.namespace);
  const api = await startRunsTestApi(dbId, { temporal: { client: temporal.client, taskQueue: config.taskQueue, namespace: config.namespace, uiUrl: 'http://127.0.0.1:8233' } });
  const activities = createActivities({
    workerIdentity: `${name}-worker`,
    dbtExecutable: null,
    runState: storeRunStateSink(api.store.db),
    scheduledPlanner: storeScheduledRunPlanner({ store: api.store, blobs: createFsBlobStore({ root: api.blobRoot }) }),
  });
  const worker = await startSluiceWorker({
    config, identity: `${name}-worker`, workflowCode: { kind: 'source' },
    activities: { ...activities, executeNode: withAttempt(noopExecuteNode()) },
  });
  const tracked: Array<[string, string]> = [];
  return {
    api, temporal, config, worker,
    track: (tenantId, scheduleId) => void tracked.push([tenantId, scheduleId]),
    async close() {
      for (const [t, s] of tracked) await deleteTemporalSchedule(temporal.client, t, s).catch(() => undefined);
      await worker.shutdown();
      await api.close();
      await temporal.close();
    },
  };
}
