import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createActivities } from '../activities';
import { storeNodeEnvironmentResolver } from '../activities/nodeEnvironment';
import { storeRunStateSink } from '../activities/runStateSink';
import { createMemoryBus } from '../adapters/bus/memoryBus';
import { RunnerPool } from '../adapters/runner';
import { openEmbeddedApiDeps } from '../api/embedded';
import { storeScheduledRunPlanner } from '../api/services/schedulesPlanner';
import { startApiServer } from '../api/server';
import { runLogTopic } from '../domain/runs/topics';
import { connectTemporalClient, temporalRunUrl } from '../temporal/client';
import { temporalConfigSchema } from '../temporal/config';
import { startDevServer } from '../temporal/devServer';
import { installTemporalRuntime } from '../temporal/runtime';
import { registerSearchAttributes } from '../temporal/searchAttributes';
import { startSluiceWorker } from '../temporal/worker';
import { selfCheckWorkflow } from '../workflows';
import { repoRoot, loadDevConfig } from './config';
import { prepareDemoProject } from './demoProject';
import { CliError } from './errors';

/**
 * `sluice dev`: the embedded default in one process, and its composition root. Starts (or reuses)
 * the Temporal dev server with its state in a SQLite file, opens the embedded store, blobs and
 * in-process bus, starts the dbt runner pool, one worker and the API, creates and ingests the
 * example project, proves the worker with a self-check workflow, prints the URLs, and stops
 * everything it started on Ctrl+C.
 */
export async function runDev(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadDevConfig(env);
  if (!existsSync(config.temporalCli)) {
    throw new CliError(`the Temporal CLI is not at ${config.temporalCli}: run 'npm run dev' or 'bash scripts/install.sh'`, 1);
  }
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  };

  try {
    log('[sluice] starting the Temporal dev server');
    const server = await startDevServer({
      cliPath: config.temporalCli,
      ip: config.host,
      port: config.temporalPort,
      uiPort: config.temporalUiPort,
      dataDir: join(config.dataDir, 'temporal'),
      namespace: 'default',
    });
    stoppers.push(server.stop);
    const temporal = temporalConfigSchema.parse({ address: server.address, uiUrl: server.uiUrl });

    const client = await connectTemporalClient(temporal);
    stoppers.push(client.close);
    await registerSearchAttributes(client.connection, temporal.namespace);

    const dbtExecutable = existsSync(config.dbtExecutable) ? config.dbtExecutable : null;
    const demo = dbtExecutable ? await prepareDemoProject({ dataDir: config.dataDir, dbtExecutable }) : null;
    if (!demo) log('[sluice] dbt is not installed (.venv): starting without the example project or a runner');
    const embedded = await openEmbeddedApiDeps({
      dataDir: join(config.dataDir, 'api'),
      ...(demo
        ? {
            demo: {
              artifactsDir: demo.artifactsDir,
              slug: 'jaffle-shop',
              name: 'jaffle_shop',
              target: 'duckdb',
              environmentSettings: {
                // DuckDB has one writer per file: one node at a time.
                concurrency: 1,
                dbt: { projectDir: demo.projectDir, target: 'duckdb', profile: { type: 'duckdb', settings: { path: join(demo.projectDir, 'jaffle_shop.duckdb') } } },
              },
            },
          }
        : {}),
    });
    stoppers.push(embedded.close);
    const bus = createMemoryBus();
    stoppers.push(() => bus.close());

    const pool = dbtExecutable
      ? await RunnerPool.start({ size: 1, pythonPath: join(repoRoot, '.venv', 'bin', 'python') })
      : null;
    if (pool) stoppers.push(() => pool.stop());

    log('[sluice] starting the worker (bundling workflow code)');
    installTemporalRuntime(env.SLUICE_LOG_LEVEL === 'debug' ? 'DEBUG' : 'WARN');
    const identity = `sluice-dev@${hostname()}/${process.pid}`;
    const db = embedded.deps.store.db;
    const worker = await startSluiceWorker({
      config: temporal,
      activities: createActivities({
        workerIdentity: identity,
        dbtExecutable,
        runState: storeRunStateSink(db),
        scheduledPlanner: storeScheduledRunPlanner({ store: embedded.deps.store, blobs: embedded.deps.blobs }),
        node: pool
          ? {
              runnerPool: pool,
              resolveNodeEnvironment: storeNodeEnvironmentResolver(db, env),
              onLog: (input, event) => void bus.publish(runLogTopic(input.runId), { uniqueId: input.uniqueId, ...event }),
            }
          : null,
      }),
      workflowCode: { kind: 'source' },
      identity,
    });
    stoppers.push(worker.shutdown);

    const api = await startApiServer({
      host: config.host,
      port: config.apiPort,
      temporalUiUrl: server.uiUrl,
      localAdmin: true,
      deps: {
        ...embedded.deps,
        bus,
        temporal: { client: client.client, taskQueue: temporal.taskQueue, namespace: temporal.namespace, uiUrl: server.uiUrl },
      },
    });
    stoppers.push(api.close);

    const workflowId = `self-check/${Date.now()}`;
    const check = await client.client.workflow.execute(selfCheckWorkflow, { taskQueue: temporal.taskQueue, workflowId });
    log('');
    log('Sluice is running (embedded defaults, local admin: no login)');
    log(`  UI and API       ${api.url}${existsSync(join(repoRoot, 'ui', 'dist', 'index.html')) ? '' : '  (UI not built: npm run build:ui; npm run dev builds it)'}`);
    log(`  API health       ${api.url}/healthz`);
    if (embedded.demo) log(`  Example project  jaffle_shop (project ${embedded.demo.projectId}, version ${embedded.demo.versionId})`);
    log(`  Temporal Web UI  ${server.uiUrl}${server.startedHere ? '' : '  (an already running server, reused)'}`);
    log(`  Self-check       ${temporalRunUrl(temporal, workflowId)}  (worker ${check.worker.identity}, dbt ${check.worker.dbtVersion ?? 'not installed'})`);
    log('Press Ctrl+C to stop.');

    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      // A worker that dies on its own ends the dev process too, with its error.
      worker.running.then(stop, stop);
    });
    log('[sluice] stopping');
  } finally {
    await stopAll();
  }
}
