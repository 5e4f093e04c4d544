import { join } from 'node:path';
import { createActivities } from '../../../activities';
import { connectTemporalClient, type TemporalClientHandle } from '../../../temporal/client';
import { temporalConfigSchema } from '../../../temporal/config';
import { installTemporalRuntime } from '../../../temporal/runtime';
import { registerSearchAttributes, searchAttributeKeys } from '../../../temporal/searchAttributes';
import { startSluiceWorker, type SluiceWorker } from '../../../temporal/worker';
import { selfCheckWorkflow } from '../../../workflows';
import { repoRoot, serviceEnv } from '../../support/env';

// A workflow run through the project's own worker, bundled from source, on the real Temporal dev
// server that `npm test` starts.
jest.setTimeout(120_000);

const config = temporalConfigSchema.parse({
  address: serviceEnv('SLUICE_TEST_TEMPORAL_ADDRESS'),
  taskQueue: `self-check-${process.pid}-${Date.now()}`,
});
let client: TemporalClientHandle;
let worker: SluiceWorker;

beforeAll(async () => {
  installTemporalRuntime('WARN');
  client = await connectTemporalClient(config);
  worker = await startSluiceWorker({
    config,
    identity: 'self-check-test-worker',
    activities: createActivities({ workerIdentity: 'self-check-test-worker', dbtExecutable: join(repoRoot, '.venv', 'bin', 'dbt') }),
    workflowCode: { kind: 'source' },
  });
});

afterAll(async () => {
  await worker?.shutdown();
  await client?.close();
});

it('runs the self-check workflow on the worker, with the pinned dbt', async () => {
  const workflowId = `self-check/test-${Date.now()}`;
  const result = await client.client.workflow.execute(selfCheckWorkflow, { taskQueue: config.taskQueue, workflowId });
  expect(result.workflowId).toBe(workflowId);
  expect(result.worker.identity).toBe('self-check-test-worker');
  expect(result.worker.pid).toBe(process.pid);
  expect(result.worker.dbtVersion).toBe('1.11.16');

  const history = await client.client.workflow.getHandle(workflowId).fetchHistory();
  const kinds = (history.events ?? []).map((e) => Object.keys(e).find((k) => k.endsWith('EventAttributes')));
  expect(kinds).toContain('activityTaskCompletedEventAttributes');
  expect(kinds).toContain('workflowExecutionCompletedEventAttributes');
});

it('registers the Sluice search attributes once', async () => {
  await registerSearchAttributes(client.connection, config.namespace);
  expect(await registerSearchAttributes(client.connection, config.namespace)).toEqual([]);
  const listed = await client.connection.operatorService.listSearchAttributes({ namespace: config.namespace });
  for (const key of Object.values(searchAttributeKeys)) {
    expect(Object.keys(listed.customAttributes ?? {})).toContain(key.name);
  }
});
