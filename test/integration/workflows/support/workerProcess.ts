// A Sluice worker in a process of its own, for tests that kill it: `tsx workerProcess.ts` with
// SLUICE_WORKER_ADDRESS, SLUICE_WORKER_QUEUE, SLUICE_WORKER_STORE, SLUICE_WORKER_SLEEP_MS set.
import { createStore } from '../../../../store';
import { temporalConfigSchema } from '../../../../temporal/config';
import { installTemporalRuntime } from '../../../../temporal/runtime';
import { startKitWorker } from './kit';
import { noopExecuteNode } from './noopNodes';

async function main(): Promise<void> {
  installTemporalRuntime('ERROR');
  const store = await createStore({ client: 'sqlite', filename: process.env.SLUICE_WORKER_STORE ?? '' });
  const config = temporalConfigSchema.parse({ address: process.env.SLUICE_WORKER_ADDRESS, taskQueue: process.env.SLUICE_WORKER_QUEUE });
  const sleepMs = Number(process.env.SLUICE_WORKER_SLEEP_MS ?? '1000');
  const worker = await startKitWorker({ config, store }, { name: `worker-${process.pid}`, executeNode: noopExecuteNode(() => ({ sleepMs })) });
  process.stdout.write('ready\n');
  await worker.running;
  await store.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
