/**
 * Small hand-built manifests and plan requests for plan and policy tests. A node is written as
 * `'model.p.orders <- model.p.stg_orders, source.p.raw.orders'`; fields not given get dbt's defaults.
 */
import type { DbtNode, Manifest, NodeKind, RunResults, SourceFreshness } from '../../../domain/artifacts/types';
import { buildLogicalGraph } from '../../../domain/graph/build';
import type { PlanEnvironment, PlanHistory, PlanRequest, RunRecord } from '../../../domain/plan/context';

export type NodeSpec = Partial<Omit<DbtNode, 'uniqueId' | 'kind'>> & { readonly id: string; readonly deps?: readonly string[] };

export function dbtNode(spec: NodeSpec): DbtNode {
  const kind = spec.id.split('.')[0] as NodeKind;
  const name = spec.id.split('.').slice(-1)[0] as string;
  const { id, deps, ...rest } = spec;
  return {
    uniqueId: id,
    kind,
    name,
    packageName: 'p',
    path: null,
    originalFilePath: null,
    fqn: ['p', name],
    tags: [],
    config: {},
    unrenderedConfig: {},
    meta: {},
    description: '',
    columns: {},
    checksum: { name: 'sha256', checksum: `sum-${name}` },
    rawCode: kind === 'source' ? null : `select 1 as ${name}`,
    compiledCode: null,
    language: 'sql',
    relation: { database: 'db', schema: 'main', identifier: name },
    relationName: `db.main.${name}`,
    materialized: kind === 'model' ? 'table' : kind === 'seed' ? 'seed' : kind === 'test' ? 'test' : null,
    dependsOn: deps ?? [],
    dependsOnMacros: [],
    group: null,
    access: null,
    version: null,
    latestVersion: null,
    contract: null,
    test: kind === 'test' ? { testType: 'singular', testName: null, attachedNodeId: null, columnName: null } : null,
    source: kind === 'source' ? { sourceName: 'raw', tableName: name, loadedAtField: null, freshness: null } : null,
    extra: {},
    ...rest,
  };
}

export function manifestOf(nodes: readonly DbtNode[]): Manifest {
  return {
    schemaVersion: { artifact: 'manifest', version: 12 },
    dbtVersion: '1.10.0',
    projectName: 'p',
    projectId: 'p',
    adapterType: 'duckdb',
    generatedAt: '2026-11-20T00:00:00Z',
    nodes: new Map(nodes.map((n) => [n.uniqueId, n])),
    disabled: [],
    macros: new Map(),
    selectors: {},
    warnings: [],
  };
}

/** `'a <- b, c'` lines: a node and its parents. */
export function chain(lines: readonly string[], overrides: Readonly<Record<string, Partial<NodeSpec>>> = {}): Manifest {
  return manifestOf(
    lines.map((line) => {
      const [id, deps] = line.split('<-').map((s) => s.trim()) as [string, string | undefined];
      const parents = deps ? deps.split(',').map((s) => s.trim()).filter(Boolean) : [];
      return dbtNode({ id, deps: parents, ...(overrides[id] ?? {}) });
    }),
  );
}

export function environment(overrides: Partial<PlanEnvironment> = {}): PlanEnvironment {
  return {
    id: 'env-1',
    name: 'prod',
    concurrency: 4,
    costRatePerHour: 36,
    budget: null,
    budgetMode: 'approve',
    protected: false,
    approverRole: 'admin',
    separationOfDuties: false,
    defaultEstimateSeconds: 60,
    ...overrides,
  };
}

export const EMPTY_HISTORY: PlanHistory = { nodeRuns: [], runResults: [], sources: [], catalog: null };

/** Successful runs of every given node, with the manifest they ran. */
export function succeeded(manifest: Manifest, ids: readonly string[], at: string, seconds = 10, label = 'run-1'): RunRecord[] {
  return ids.map((uniqueId) => ({ uniqueId, status: 'success', startedAt: at, completedAt: at, durationSeconds: seconds, manifest, label }));
}

export function runResultsOf(results: ReadonlyArray<{ id: string; status?: string; seconds?: number; at?: string }>): RunResults {
  return {
    schemaVersion: { artifact: 'run_results', version: 6 },
    dbtVersion: '1.10.0',
    generatedAt: '2026-11-20T01:00:00Z',
    invocationId: 'inv-1',
    elapsedTime: null,
    results: results.map((r) => ({
      uniqueId: r.id,
      status: r.status ?? 'success',
      executionTime: r.seconds ?? 5,
      startedAt: r.at ?? '2026-11-20T00:30:00Z',
      completedAt: r.at ?? '2026-11-20T00:30:00Z',
      message: null,
      failures: null,
      adapterResponse: {},
    })),
  };
}

export function freshnessOf(loads: Readonly<Record<string, string>>): SourceFreshness {
  return {
    schemaVersion: { artifact: 'sources', version: 3 },
    dbtVersion: '1.10.0',
    generatedAt: null,
    results: Object.entries(loads).map(([uniqueId, maxLoadedAt]) => ({ uniqueId, status: 'pass', maxLoadedAt, snapshottedAt: null, maxLoadedAtTimeAgoInS: null })),
  };
}

export interface RequestOptions {
  readonly selected?: readonly string[];
  readonly named?: readonly string[];
  readonly fullRefresh?: boolean;
  readonly env?: Partial<PlanEnvironment>;
  readonly history?: Partial<PlanHistory>;
  readonly now?: string;
  readonly requestedBy?: string | null;
}

/** A plan request over `manifest`; selects every node unless told otherwise. */
export function requestFor(manifest: Manifest, options: RequestOptions = {}): PlanRequest {
  return {
    planId: 'plan-1',
    now: options.now ?? '2026-11-22T10:00:00Z',
    requestedBy: options.requestedBy ?? 'alice',
    graph: buildLogicalGraph(manifest, 'p'),
    manifest,
    selection: {
      select: null,
      exclude: null,
      selected: options.selected ?? [...manifest.nodes.keys()],
      named: options.named ?? [],
      fullRefresh: options.fullRefresh ?? false,
    },
    environment: environment(options.env),
    history: { ...EMPTY_HISTORY, ...options.history },
  };
}
