// Shared set-up of the run workflow tests: the project's own worker (bundled from source) on the
// real Temporal dev server, a real store (SQLite file), and plans stored and run like the API would.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { createActivities, type ActivityDeps } from '../../../../activities';
import { withAttempt, type ExecuteNodeFn } from '../../../../activities/planRunNode';
import { storeRunStateSink } from '../../../../activities/runStateSink';
import { connectTemporalClient, type TemporalClientHandle } from '../../../../temporal/client';
import { temporalConfigSchema, type TemporalConfig } from '../../../../temporal/config';
import { installTemporalRuntime } from '../../../../temporal/runtime';
import { registerSearchAttributes, searchAttributeKeys } from '../../../../temporal/searchAttributes';
import { startSluiceWorker, type SluiceWorker } from '../../../../temporal/worker';
import {
  createEnvironment, createOrg, createPlan, createProject, createProjectVersion, createRun, createStore, createTenant, type Run,
  type Store,
} from '../../../../store';
import { planRunWorkflow } from '../../../../workflows';
import type { PlanRunInput, PlanRunOptions } from '../../../../workflows/planRunTypes';
import type { ExecutionPlan } from '../../../../domain/plan/types';
import { makePlan, type PlanSpec } from '../../../unit/workflows/planFixture';
import { serviceEnv } from '../../../support/env';

let runtimeInstalled = false;

export interface KitOptions {
  readonly name: string;
  /** A test implementation of the node activity (no-op, sleep, controlled failure). */
  readonly executeNode?: ExecuteNodeFn;
  /** Real dbt execution deps (the runner pool), used when `executeNode` is not given. */
  readonly node?: ActivityDeps['node'];
  /** Start no worker (tests that run their worker in another process). */
  readonly noWorker?: boolean;
  readonly address?: string;
  readonly storeFile?: string;
}

export interface Kit {
  readonly config: TemporalConfig;
  readonly client: TemporalClientHandle;
  readonly store: Store;
  readonly storeFile: string;
  worker: SluiceWorker | null;
  close(): Promise<void>;
}

export async function startKit(options: KitOptions): Promise<Kit> {
  if (!runtimeInstalled) {
    installTemporalRuntime('WARN');
    runtimeInstalled = true;
  }
  const config = temporalConfigSchema.parse({
    address: options.address ?? serviceEnv('SLUICE_TEST_TEMPORAL_ADDRESS'),
    taskQueue: `${options.name}-${process.pid}-${Date.now()}`,
  });
  const dir = mkdtempSync(join(tmpdir(), 'sluice-run-test-'));
  const storeFile = options.storeFile ?? join(dir, 'store.db');
  const store = await createStore({ client: 'sqlite', filename: storeFile });
  await store.migrateLatest();
  const client = await connectTemporalClient(config);
  await registerSearchAttributes(client.connection, config.namespace);
  const kit: Kit = {
    config, client, store, storeFile, worker: null,
    async close() {
      await kit.worker?.shutdown();
      await client.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (!options.noWorker) kit.worker = await startKitWorker(kit, options);
  return kit;
}

export async function startKitWorker(kit: Pick<Kit, 'config' | 'store'>, options: KitOptions): Promise<SluiceWorker> {
  const activities = createActivities({
    workerIdentity: `${options.name}-worker`, dbtExecutable: null, runState: storeRunStateSink(kit.store.db), node: options.node ?? null,
  });
  return startSluiceWorker({
    config: kit.config,
    identity: `${options.name}-worker`,
    activities: options.executeNode ? { ...activities, executeNode: withTestAttempt(options.executeNode) } : activities,
    workflowCode: { kind: 'source' },
  });
}

/** Same wrapper the worker uses, so results and failures carry the attempt as in production. */
const withTestAttempt = (fn: ExecuteNodeFn) => withAttempt(fn);

export interface SeededRun {
  readonly plan: ExecutionPlan;
  readonly run: Run;
  readonly input: PlanRunInput;
  readonly tenantId: string;
}

let seeds = 0;

/** Stores tenant → project → environment → version → plan → queued run, as the API would. */
export async function seedRun(kit: Pick<Kit, 'store'>, spec: PlanSpec, envSettings: Record<string, unknown> = {}): Promise<SeededRun> {
  const db = kit.store.db;
  const slug = `t${process.pid}-${++seeds}-${randomBytes(3).toString('hex')}`;
  const tenant = await createTenant({ db, slug, name: slug });
  const org = await createOrg({ db, tenantId: tenant.id, slug: 'o', name: 'O' });
  const project = await createProject({ db, tenantId: tenant.id, orgId: org.id, slug: 'p', name: 'P' });
  const env = await createEnvironment({ db, tenantId: tenant.id, projectId: project.id, name: 'dev', target: 'dev', settings: envSettings });
  const { version } = await createProjectVersion({
    db,
    version: {
      tenantId: tenant.id, projectId: project.id, files: [{ kind: 'manifest', sha256: randomBytes(32).toString('hex'), size: 1 }],
      gitSha: null, dbtVersion: null, manifestSchema: 'manifest/v12', nodes: [], edges: [],
    },
  });
  const plan = makePlan({ ...spec, projectId: project.id, environmentId: env.id });
  const stored = await createPlan({ db, tenantId: tenant.id, environmentId: env.id, versionId: version.id, planHash: plan.hash, body: plan, createdBy: 'alice' });
  const { run } = await createRun({ db, tenantId: tenant.id, planId: stored.id, requestedBy: 'alice' });
  return { plan, run, tenantId: tenant.id, input: { tenantId: tenant.id, projectId: project.id, runId: run.id, planId: stored.id, planHash: plan.hash } };
}

/** Starts the run's workflow as the API does: id `run/<project>/<run>`, search attributes set. */
export async function startRun(kit: Pick<Kit, 'client' | 'config'>, seeded: SeededRun, options: PlanRunOptions = {}, planHash?: string): Promise<WorkflowHandle<typeof planRunWorkflow>> {
  return kit.client.client.workflow.start(planRunWorkflow, {
    taskQueue: kit.config.taskQueue,
    workflowId: seeded.run.workflowId,
    args: [{ ...seeded.input, planHash: planHash ?? seeded.input.planHash, options }],
    typedSearchAttributes: [
      { key: searchAttributeKeys.tenant, value: seeded.tenantId },
      { key: searchAttributeKeys.project, value: seeded.input.projectId },
      { key: searchAttributeKeys.environment, value: seeded.plan.environment.id },
      { key: searchAttributeKeys.plan, value: seeded.plan.hash },
      { key: searchAttributeKeys.runStatus, value: 'queued' },
    ],
  });
}

export async function waitFor<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number, everyMs = 200): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Kinds of the events in a workflow's history, and how many there are. */
export async function historyOf(kit: Pick<Kit, 'client'>, workflowId: string): Promise<{ count: number; kinds: string[] }> {
  const history = await kit.client.client.workflow.getHandle(workflowId).fetchHistory();
  const kinds = (history.events ?? []).map((e) => Object.keys(e).find((k) => k.endsWith('EventAttributes')) ?? '?');
  return { count: kinds.length, kinds };
}
