// Saved histories for replay tests: `SLUICE_SAVE_HISTORIES=1 npx jest test/integration/workflows`
// writes one history per scenario into test/fixtures/histories/ (review which changed, then commit).
// They are stored as the History protobuf's binary encoding: the JSON route (historyFromJSON) trips
// over the two copies of protobufjs that the current install has under @temporalio/common and /proto.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { repoRoot } from '../../../support/env';

export const historiesDir = join(repoRoot, 'test', 'fixtures', 'histories');

export async function saveHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.SLUICE_SAVE_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  writeFileSync(join(historiesDir, `${name}.history.bin`), temporal.api.history.v1.History.encode(history).finish());
}

export function loadHistories(): Array<{ workflowId: string; history: temporal.api.history.v1.History }> {
  return readdirSync(historiesDir)
    .filter((f) => f.endsWith('.history.bin'))
    .sort()
    .map((f) => ({ workflowId: f.replace(/\.history\.bin$/, ''), history: temporal.api.history.v1.History.decode(readFileSync(join(historiesDir, f))) }));
}
