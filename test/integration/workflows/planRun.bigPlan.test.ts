// A generated 5,000-node plan of no-op nodes runs through child workflows: no workflow's history
// exceeds 10,240 events, no workflow has more than 500 activities in flight, every node is recorded once.
import { listNodeRuns } from '../../../store';
import { statusQuery } from '../../../workflows/planRunDefinitions';
import { generatedNodes } from '../../unit/workflows/planFixture';
import { seedRun, startKit, startRun, type Kit } from './support/kit';
import { noopExecuteNode } from './support/noopNodes';

jest.setTimeout(600_000);

let kit: Kit;
beforeAll(async () => {
  kit = await startKit({ name: 'plan-run-big', executeNode: noopExecuteNode() });
});
afterAll(async () => {
  await kit?.close();
});

/** Events in a workflow's history and the most activities it ever had scheduled but not closed. */
async function historyFigures(workflowId: string): Promise<{ events: number; maxInFlight: number; activities: number }> {
  const history = await kit.client.client.workflow.getHandle(workflowId).fetchHistory();
  let open = 0;
  let maxInFlight = 0;
  let activities = 0;
  for (const e of history.events ?? []) {
    if (e.activityTaskScheduledEventAttributes) {
      open += 1;
      activities += 1;
      maxInFlight = Math.max(maxInFlight, open);
    }
    if (e.activityTaskCompletedEventAttributes || e.activityTaskFailedEventAttributes || e.activityTaskTimedOutEventAttributes || e.activityTaskCanceledEventAttributes) open -= 1;
  }
  return { events: history.events?.length ?? 0, maxInFlight, activities };
}

it('runs 5,000 no-op nodes through child workflows within the history and in-flight limits', async () => {
  const seeded = await seedRun(kit, { nodes: generatedNodes(5000, 250, 3), concurrency: 500 });
  const started = Date.now();
  const handle = await startRun(kit, seeded, { heartbeatTimeoutSeconds: 30 });
  const result = await handle.result();
  const seconds = (Date.now() - started) / 1000;
  expect(result).toMatchObject({ status: 'success', counts: { success: 5000 } });

  const status = await handle.query(statusQuery);
  expect(status.chunks).toHaveLength(10);
  const figures = [{ id: handle.workflowId, ...(await historyFigures(handle.workflowId)) }];
  for (const chunk of status.chunks) figures.push({ id: chunk.workflowId, ...(await historyFigures(chunk.workflowId)) });
  for (const f of figures) {
    expect(f.events).toBeLessThan(10_240);
    expect(f.maxInFlight).toBeLessThanOrEqual(500);
  }
  expect(figures.slice(1).reduce((sum, f) => sum + f.activities, 0)).toBeGreaterThanOrEqual(5000);

  const rows = await listNodeRuns({ db: kit.store.db, tenantId: seeded.tenantId, runId: seeded.run.id });
  expect(rows).toHaveLength(5000);
  expect(new Set(rows.map((r) => r.uniqueId)).size).toBe(5000);
  expect(rows.every((r) => r.status === 'success' && r.attempt === 1)).toBe(true);
  const events = figures.map((f) => f.events);
  process.stdout.write(`5,000 nodes in ${seconds.toFixed(1)} s; history events: parent ${events[0]}, children max ${Math.max(...events.slice(1))}; max in flight ${Math.max(...figures.map((f) => f.maxInFlight))}\n`);
});
