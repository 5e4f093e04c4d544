// The OpenAPI contract: every operation of the generated document is called for real against a live
// API (seeded tenant, org, project, environments, an ingested version, plans, runs on a real Temporal
// worker with no-op nodes, a schedule, canvas events, a token), and each answer's status must be one
// the document declares, its JSON body valid against the declared schema, and every error a
// problem+json. Runs on SQLite and PostgreSQL.
import Ajv from 'ajv';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createMemoryBus, type Bus } from '../../../adapters/bus';
import { connectTemporalClient, type TemporalClientHandle } from '../../../temporal/client';
import { temporalConfigSchema } from '../../../temporal/config';
import { installTemporalRuntime } from '../../../temporal/runtime';
import { deleteTemporalSchedule } from '../../../temporal/schedules';
import { registerSearchAttributes } from '../../../temporal/searchAttributes';
import type { SluiceWorker } from '../../../temporal/worker';
import { serviceEnv } from '../../support/env';
import { testDatabaseIds } from '../store/testDatabases';
import { startKitWorker } from '../workflows/support/kit';
import { noopExecuteNode } from '../workflows/support/noopNodes';
import { call, type TestApi } from './harness';
import { lineageTarget, MODEL, setupProject, startRunsTestApi, until, type Body, type ProjectSetup } from './plansSupport';

jest.setTimeout(240_000);

try {
  installTemporalRuntime('WARN');
} catch {
  // already installed in this jest worker
}

type Res = Awaited<ReturnType<typeof call>>;
interface Operation {
  readonly method: string;
  readonly path: string;
  readonly op: Body;
}

/** Operations of the document by operationId. */
function operationsOf(spec: Body): Map<string, Operation> {
  const ops = new Map<string, Operation>();
  for (const [path, item] of Object.entries<Body>(spec.paths)) {
    for (const [method, op] of Object.entries<Body>(item)) ops.set(op.operationId, { method: method.toUpperCase(), path, op });
  }
  return ops;
}

/** Checks an answer against what the document declares for its operation; returns the problems found. */
function contractViolations(ajv: Ajv.Ajv, operation: Operation, res: Res): string[] {
  const declared = operation.op.responses as Record<string, Body>;
  const response = declared[String(res.status)] ?? declared['default'];
  const where = `${operation.op.operationId} (${operation.method} ${operation.path}) answered ${res.status}`;
  if (!response) return [`${where}, which it does not declare (${Object.keys(declared).join(', ')})`];
  const problems: string[] = [];
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (res.status >= 400) {
    if (contentType !== 'application/problem+json') problems.push(`${where} as ${contentType}, not application/problem+json`);
    const b = res.body as Body;
    if (typeof b?.type !== 'string' || typeof b?.title !== 'string' || b?.status !== res.status) problems.push(`${where}: the problem lacks type, title or status: ${JSON.stringify(b)}`);
  }
  const content = response.content as Record<string, Body> | undefined;
  if (!content) return problems;
  const media = content[contentType];
  if (!media) return [...problems, `${where} as ${contentType}; declared ${Object.keys(content).join(', ')}`];
  if (!media.schema || !contentType.includes('json')) return problems;
  const schema = JSON.parse(JSON.stringify(media.schema).replaceAll('"#/components/', '"openapi.json#/components/')) as object;
  if (!ajv.validate(schema, res.body)) problems.push(`${where}: body does not match the schema: ${ajv.errorsText(ajv.errors, { dataVar: 'body' })}`);
  return problems;
}

describe.each(testDatabaseIds)('OpenAPI contract on %s', (dbId) => {
  let api: TestApi;
  let temporal: TemporalClientHandle;
  let worker: SluiceWorker;
  let bus: Bus;
  let spec: Body;
  let ops: Map<string, Operation>;
  const ajv = new Ajv({ nullable: true, allErrors: true, unknownFormats: 'ignore', schemaId: 'auto' });
  for (const f of ['double', 'float', 'int32', 'int64', 'date-time', 'byte', 'binary']) ajv.addFormat(f, () => true);
  const schedules: Array<[string, string]> = [];

  beforeAll(async () => {
    const config = temporalConfigSchema.parse({ address: serviceEnv('SLUICE_TEST_TEMPORAL_ADDRESS'), taskQueue: `api-contract-${dbId}-${process.pid}-${Date.now()}` });
    temporal = await connectTemporalClient(config);
    await registerSearchAttributes(temporal.connection, config.namespace);
    bus = createMemoryBus();
    api = await startRunsTestApi(dbId, { temporal: { client: temporal.client, taskQueue: config.taskQueue, namespace: config.namespace, uiUrl: 'http://127.0.0.1:8233' }, bus });
    worker = await startKitWorker({ config, store: api.store }, { name: `api-contract-${dbId}`, executeNode: noopExecuteNode() });
    const doc = await call(api, 'GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    spec = doc.body;
    ops = operationsOf(spec);
    ajv.addSchema({ components: spec.components }, 'openapi.json');
  });
  afterAll(async () => {
    for (const [t, s] of schedules) await deleteTemporalSchedule(temporal.client, t, s).catch(() => undefined);
    await worker?.shutdown();
    await api?.close();
    await bus?.close();
    await temporal?.close();
  });

  /** Fills the `{param}`s of an operation's path. */
  const pathOf = (opId: string, params: Record<string, string>, query = ''): string => {
    const op = ops.get(opId);
    if (!op) throw new Error(`the document has no operation ${opId}`);
    return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const v = params[name];
      if (v === undefined) throw new Error(`${opId}: no value for {${name}}`);
      return encodeURIComponent(v);
    }) + query;
  };

  it('every operation answers a declared status with a body matching its schema; errors are problem+json', async () => {
    const p: ProjectSetup = await setupProject(api, `contract-${dbId}`);
    const other = await api.tenant(`contract-other-${dbId}`);
    const token = p.token;
    const called = new Set<string>();
    const violations: string[] = [];
    const ids: Record<string, string> = { tenantId: p.tenantId, projectId: p.projectId, environmentId: p.environmentId, versionId: p.versionId, uniqueId: MODEL };
    const request = async (opId: string, opts: { params?: Record<string, string>; query?: string; json?: unknown; form?: FormData; expect?: number } = {}): Promise<Res> => {
      const operation = ops.get(opId);
      if (!operation) throw new Error(`the document has no operation ${opId}`);
      const params = { ...ids, ...opts.params };
      const path = pathOf(opId, params, opts.query);
      // Bodies go with every variant: a multipart route without one is a known 500 (see the report).
      const body = { ...(opts.json !== undefined ? { json: opts.json } : {}), ...(opts.form ? { form: opts.form } : {}) };
      const res = await call(api, operation.method, path, { token, ...body });
      called.add(opId);
      violations.push(...contractViolations(ajv, operation, res));
      if (opts.expect !== undefined && res.status !== opts.expect) violations.push(`${opId}: expected ${opts.expect}, got ${res.status} ${JSON.stringify(res.body)}`);
      // The same route, unauthenticated and from another tenant: declared problems too.
      const anonymous = await call(api, operation.method, path, body);
      violations.push(...contractViolations(ajv, operation, anonymous));
      if (anonymous.status !== 401) violations.push(`${opId}: without a token answered ${anonymous.status}`);
      if (operation.path.includes('{tenantId}')) {
        const foreign = await call(api, operation.method, path, { token: other.token, ...body });
        violations.push(...contractViolations(ajv, operation, foreign));
        if (foreign.status !== 404) violations.push(`${opId}: another tenant's token answered ${foreign.status}`);
      }
      return res;
    };

    // Tenants (creating and deleting tenants is the local admin's: a token is refused, as declared).
    await request('ListTenants', { expect: 200 });
    await request('GetTenant', { expect: 200 });
    await request('RenameTenant', { json: { name: 'Contract' }, expect: 200 });
    await request('CreateTenant', { json: { slug: `contract-new-${dbId}`, name: 'New' }, expect: 403 });

    // Orgs, projects, environments.
    await request('ListOrgs', { expect: 200 });
    const org = (await request('CreateOrg', { json: { slug: 'o2', name: 'O2' }, expect: 201 })).body;
    await request('GetOrg', { params: { orgId: org.id }, expect: 200 });
    await request('RenameOrg', { params: { orgId: org.id }, json: { name: 'Org two' }, expect: 200 });
    await request('ListProjects', { expect: 200 });
    const project = (await request('CreateProject', { json: { orgId: org.id, slug: 'p2', name: 'P2' }, expect: 201 })).body;
    await request('GetProject', { expect: 200 });
    await request('RenameProject', { params: { projectId: project.id }, json: { name: 'Project two' }, expect: 200 });
    await request('ListEnvironments', { expect: 200 });
    const gated = (await request('CreateEnvironment', { json: { name: 'gated', target: 'prod', settings: { protected: true } }, expect: 201 })).body;
    const spare = (await call(api, 'POST', `${p.base}/environments`, { token, json: { name: 'spare', target: 'dev' } })).body;
    await request('GetEnvironment', { expect: 200 });
    await request('UpdateEnvironment', { params: { environmentId: spare.id }, json: { target: 'dev-eu' }, expect: 200 });

    // Versions (the same files again: 200, the existing version).
    const form = new FormData();
    for (const n of ['manifest.json', 'run_results.json']) form.append('files', new Blob([await readFile(join(lineageTarget, n))]), n);
    await request('UploadVersion', { form, expect: 200 });
    await request('ListVersions', { expect: 200 });
    await request('GetVersion', { expect: 200 });
    await request('GetGraph', { query: '?limit=2', expect: 200 });
    await request('GetNode', { expect: 200 });
    await request('DiffVersion', { query: `?base=${p.versionId}`, expect: 200 });
    await request('GetVersionFile', { params: { kind: 'manifest' }, expect: 200 });

    // Plans and runs on Temporal.
    const plan = (await request('CreatePlan', { json: { environmentId: p.environmentId, select: 'test_first_dbt_model' }, expect: 201 })).body;
    await request('GetPlan', { params: { planId: plan.id }, expect: 200 });
    const run = (await request('StartRun', { json: { planId: plan.id }, expect: 201 })).body.run;
    const detail = async (runId: string): Promise<Body> => (await call(api, 'GET', `${p.base}/runs/${runId}`, { token })).body;
    await until(() => detail(run.id), (d) => ['success', 'warning', 'failed', 'canceled'].includes(d.run.status));
    await request('ListRuns', { expect: 200 });
    await request('GetRun', { params: { runId: run.id }, expect: 200 });
    await request('GetNodeHistory', { query: `?environmentId=${p.environmentId}&limit=5`, expect: 200 });
    await request('ListRunArtifacts', { params: { runId: run.id }, expect: 200 });
    await request('GetRunArtifact', { params: { runId: run.id, name: 'run_results.json' }, expect: 200 });
    await request('RunLogs', { params: { runId: run.id }, query: '?follow=false', expect: 200 });
    await request('GetRunTrends', { query: `?days=7&environmentId=${p.environmentId}`, expect: 200 });
    // Nothing failed: a rerun is the declared 409 conflict/nothing-to-rerun.
    await request('RerunRun', { params: { runId: run.id }, expect: 409 });

    const gatedPlan = (await call(api, 'POST', `${p.base}/plans`, { token, json: { environmentId: gated.id, select: 'test_first_dbt_model' } })).body;
    const waiting = async (): Promise<string> => {
      const r = (await call(api, 'POST', `${p.base}/runs`, { token, json: { planId: gatedPlan.id } })).body.run;
      await until(() => detail(r.id), (d) => d.live?.lifecycle === 'awaiting_approval');
      return r.id as string;
    };
    await request('ApproveRun', { params: { runId: await waiting() }, json: { planHash: gatedPlan.planHash }, expect: 200 });
    await request('RejectRun', { params: { runId: await waiting() }, json: { note: 'no' }, expect: 200 });
    await request('CancelRun', { params: { runId: await waiting() }, json: { reason: 'contract' }, expect: 202 });

    // Schedules.
    const schedule = (await request('CreateSchedule', { json: { name: 'nightly', environmentId: p.environmentId, cron: '0 3 * * *', paused: true, select: 'test_first_dbt_model' }, expect: 201 })).body;
    schedules.push([p.tenantId, schedule.id]);
    const s = { scheduleId: schedule.id as string };
    await request('ListSchedules', { expect: 200 });
    await request('GetSchedule', { params: s, expect: 200 });
    await request('UpdateSchedule', { params: s, json: { name: 'nightly-2' }, expect: 200 });
    await request('PauseSchedule', { params: s, json: { note: 'contract' }, expect: 200 });
    await request('UnpauseSchedule', { params: s, json: {}, expect: 200 });
    await request('PauseSchedule', { params: s, json: {}, expect: 200 });
    await request('BackfillSchedule', { params: s, json: { start: '2025-01-01T00:00:00Z', end: '2025-01-01T01:00:00Z' }, expect: 202 });
    await request('TriggerSchedule', { params: s, json: {}, expect: 202 });
    await request('DeleteSchedule', { params: s, expect: 204 });

    // Canvas.
    await request('GetCanvas', { expect: 200 });
    await request('AppendEvents', { json: { actions: [{ type: 'move', id: MODEL, x: 1, y: 2 }] }, expect: 200 });
    await request('ListEvents', { expect: 200 });
    await request('Undo', { expect: 200 });
    await request('Redo', { expect: 200 });

    // Tokens and audit.
    const created = (await request('CreateToken', { json: { name: 'ci', role: 'viewer' }, expect: 201 })).body;
    await request('ListTokens', { expect: 200 });
    await request('RevokeToken', { params: { tokenId: created.token?.id ?? created.id }, expect: 204 });
    await request('ListAudit', { expect: 200 });
    await request('VerifyAudit', { expect: 200 });

    // Deletes last.
    await request('DeleteEnvironment', { params: { environmentId: spare.id }, expect: 204 });
    await request('DeleteProject', { params: { projectId: project.id }, expect: 204 });
    await request('DeleteOrg', { params: { orgId: org.id }, expect: 204 });
    await request('DeleteTenant', { expect: 403 });

    // Known schema mismatches, left for a follow-up (status and problem checks still apply to them).
    // None now: a nullable $ref or union is written `X | JsonNull` (domain/artifacts/types.ts), since
    // OpenAPI 3.0's `nullable` admits null only next to a `type`, as ajv's `nullable` option reads it.
    const knownSchemaGaps = new Set<string>([]);
    const isKnown = (v: string): boolean => v.includes('body does not match the schema') && knownSchemaGaps.has(v.split(' ')[0]!);
    expect(violations.filter((v) => !isKnown(v))).toEqual([]);
    expect(new Set(violations.filter(isKnown).map((v) => v.split(' ')[0]))).toEqual(knownSchemaGaps);
    expect([...ops.keys()].filter((id) => !called.has(id))).toEqual([]);
  });
});
