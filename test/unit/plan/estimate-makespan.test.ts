import { buildLogicalGraph } from '../../../domain/graph/build';
import { buildPlanDag } from '../../../domain/plan/dag';
import { estimateNode } from '../../../domain/plan/estimate';
import { buildHistoryIndex } from '../../../domain/plan/history';
import { estimateMakespan } from '../../../domain/plan/makespan';
import type { Catalog } from '../../../domain/artifacts/types';
import { chain, EMPTY_HISTORY, runResultsOf, succeeded } from './build';

const m = chain(['model.p.a', 'model.p.b <- model.p.a']);
const options = { costRatePerHour: 36, defaultEstimateSeconds: 60 };
const catalog = (stats: Record<string, number | string>): Catalog => ({
  schemaVersion: { artifact: 'catalog', version: 1 },
  dbtVersion: null,
  errors: [],
  entries: new Map([['model.p.a', { uniqueId: 'model.p.a', isSource: false, tableType: 'table', columns: {}, stats }]]),
});

describe('estimateNode', () => {
  it('prefers history (median of the 5 most recent successes), then run_results, then catalog, then the default', () => {
    const runs = [10, 20, 30, 40, 50, 1000].flatMap((s, i) => succeeded(m, ['model.p.a'], `2026-11-2${i}T00:00:00Z`, s, `r${i}`));
    const failed = succeeded(m, ['model.p.a'], '2026-11-29T00:00:00Z', 9999).map((r) => ({ ...r, status: 'error' }));
    const rr = [{ label: 'rr.json', results: runResultsOf([{ id: 'model.p.a', seconds: 7 }]), manifest: null }];
    const full = buildHistoryIndex({ ...EMPTY_HISTORY, nodeRuns: [...runs, ...failed], runResults: rr, catalog: catalog({ row_count: 5e6 }) });
    // Most recent five: 1000, 50, 40, 30, 20 → median 40.
    expect(estimateNode('model.p.a', full, options)).toEqual({ seconds: 40, cost: 0.4, basis: 'history', detail: 'median of 5 recent successful run(s) in this environment: 1000 s, 50 s, 40 s, 30 s, 20 s' });
    const noHistory = buildHistoryIndex({ ...EMPTY_HISTORY, runResults: rr, catalog: catalog({ row_count: 5e6 }) });
    expect(estimateNode('model.p.a', noHistory, options)).toMatchObject({ seconds: 7, basis: 'run_results', detail: 'execution_time 7 s in rr.json' });
    const onlyCatalog = buildHistoryIndex({ ...EMPTY_HISTORY, catalog: catalog({ row_count: 5e6 }) });
    expect(estimateNode('model.p.a', onlyCatalog, options)).toMatchObject({ seconds: 5, cost: 0.05, basis: 'catalog' });
    expect(estimateNode('model.p.a', buildHistoryIndex({ ...EMPTY_HISTORY, catalog: catalog({ bytes: '1000' }) }), options)).toMatchObject({ seconds: 1, basis: 'catalog' });
    expect(estimateNode('model.p.b', noHistory, options)).toMatchObject({ seconds: 60, cost: 0.6, basis: 'default' });
  });
});

describe('plan DAG and makespan', () => {
  it('links plan nodes through nodes outside the plan', () => {
    const g = buildLogicalGraph(chain(['model.p.a', 'model.p.e <- model.p.a', 'model.p.f <- model.p.e', 'model.p.b <- model.p.f, model.p.a']), 'p');
    const dag = buildPlanDag(g, new Set(['model.p.a', 'model.p.b']));
    expect(dag.upstream.get('model.p.b')).toEqual(['model.p.a']);
    expect(dag.order).toEqual(['model.p.a', 'model.p.b']);
  });

  it('simulates list scheduling: chains add up, parallel work shares slots, skipped nodes take no time', () => {
    const g = buildLogicalGraph(chain(['model.p.a', 'model.p.b <- model.p.a', 'model.p.c', 'model.p.d', 'model.p.e <- model.p.b, model.p.c']), 'p');
    const dag = buildPlanDag(g, new Set(g.nodes.keys()));
    const seconds = new Map([['model.p.a', 10], ['model.p.b', 10], ['model.p.c', 5], ['model.p.d', 30], ['model.p.e', 1]]);
    const none = new Map<string, number>();
    expect(estimateMakespan({ dag, seconds, priority: none, concurrency: 1 })).toBe(56);
    expect(estimateMakespan({ dag, seconds, priority: none, concurrency: 10 })).toBe(30);
    // Two slots, longest remaining path first: d(30) and a(10)→b(10), then c(5)→e(1) from 20 → 30.
    expect(estimateMakespan({ dag, seconds, priority: none, concurrency: 2 })).toBe(30);
    const small = buildPlanDag(buildLogicalGraph(chain(['model.p.a', 'model.p.b <- model.p.a', 'model.p.c', 'model.p.d']), 'p'), new Set(['model.p.a', 'model.p.b', 'model.p.c', 'model.p.d']));
    const tens = new Map([['model.p.a', 10], ['model.p.b', 10], ['model.p.c', 10], ['model.p.d', 10]]);
    expect(estimateMakespan({ dag: small, seconds: tens, priority: none, concurrency: 2 })).toBe(20);
    // Priority beats the critical path: c and d go first, the a→b chain waits → 30.
    expect(estimateMakespan({ dag: small, seconds: tens, priority: new Map([['model.p.c', 9], ['model.p.d', 9]]), concurrency: 2 })).toBe(30);
    const skipped = new Map(seconds).set('model.p.b', 0).set('model.p.d', 0);
    expect(estimateMakespan({ dag, seconds: skipped, priority: none, concurrency: 1 })).toBe(16);
  });
});
