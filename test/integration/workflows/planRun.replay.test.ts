// Saved histories replayed against the current workflow code (bundled from source like the worker):
// a change that would break runs in flight fails here before it lands.
import { Worker } from '@temporalio/worker';
import { installTemporalRuntime } from '../../../temporal/runtime';
import { workflowsEntry } from '../../../temporal/worker';
import { loadHistories } from './support/histories';

jest.setTimeout(180_000);

const histories = loadHistories();

beforeAll(() => installTemporalRuntime('WARN'));

it('has a saved history of every scenario', () => {
  expect(histories.map((h) => h.workflowId)).toEqual([
    'planRun-approvals', 'planRun-canceled', 'planRun-dbt-cancel-pg-sleep', 'planRun-dbt-transient-retry', 'planRun-fail-fast',
    'planRun-failure-branches', 'planRun-rejected', 'planRun-success-skip-retry',
  ]);
});

it('replays every saved history without nondeterminism', async () => {
  const results: Array<[string, string | null]> = [];
  for await (const r of Worker.runReplayHistories({ workflowsPath: workflowsEntry, replayName: 'plan-run-replay' }, histories)) {
    results.push([r.workflowId, r.error ? String(r.error) : null]);
  }
  expect(results).toEqual(histories.map((h) => [h.workflowId, null]));
});
