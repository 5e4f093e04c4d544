/**
 * An index over a plan's history: the last successful run of each node, recent durations, when each
 * source last received data, and which relations the catalog saw. Built once per plan.
 */
import type { PlanHistory, RunRecord } from './context';

/** dbt statuses that mean the node's relation (or test) was produced by that run. */
const BUILT_STATUSES: ReadonlySet<string> = new Set(['success', 'pass', 'warn', 'reused']);
/** Statuses whose timing says how long the node takes (a `reused` node did not really run). */
const TIMED_STATUSES: ReadonlySet<string> = new Set(['success', 'pass', 'warn']);

export type RecordSource = 'history' | 'run_results';

export interface IndexedRun extends RunRecord {
  readonly source: RecordSource;
  /** startedAt (or completedAt) in epoch ms, or null when the record has no time. */
  readonly startedMs: number | null;
  readonly completedMs: number | null;
}

export interface SourceLoad {
  readonly maxLoadedAt: string;
  readonly ms: number;
}

export interface HistoryIndex {
  /** The most recent run that built the node (by completion time), from either source. */
  lastSuccess(uniqueId: string): IndexedRun | null;
  /** Durations of this environment's successful runs, most recent first. */
  historyDurations(uniqueId: string): readonly number[];
  /** The most recent successful run_results timing of the node. */
  runResultsTiming(uniqueId: string): IndexedRun | null;
  sourceLoad(sourceId: string): SourceLoad | null;
  /** The catalog lists a relation for the node: it exists in the warehouse. */
  inCatalog(uniqueId: string): boolean;
  catalogStats(uniqueId: string): Readonly<Record<string, string | number | boolean | null>> | null;
}

interface Entry {
  last: IndexedRun | null;
  timing: IndexedRun | null;
  runs: IndexedRun[] | null;
  durations: readonly number[] | null;
}

/** Epoch ms of an ISO instant, or null. Date.parse is deterministic (no clock involved). */
export function isoMs(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/** Later first; a record without a time is older than any timed one; ties by label (deterministic). */
function newer(a: IndexedRun, b: IndexedRun): boolean {
  const am = a.completedMs ?? a.startedMs ?? -Infinity;
  const bm = b.completedMs ?? b.startedMs ?? -Infinity;
  if (am !== bm) return am > bm;
  return a.label > b.label;
}


export function buildHistoryIndex(history: PlanHistory): HistoryIndex {
  // One entry per node: a single Map lookup per run record.
  const entries = new Map<string, Entry>();
  const entryOf = (id: string): Entry => {
    let e = entries.get(id);
    if (e === undefined) {
      e = { last: null, timing: null, runs: null, durations: null };
      entries.set(id, e);
    }
    return e;
  };

  // Runs share few distinct timestamps: parse each once.
  const parsed = new Map<string, number | null>();
  const ms = (iso: string | null): number | null => {
    if (iso === null) return null;
    let v = parsed.get(iso);
    if (v === undefined) {
      v = isoMs(iso);
      parsed.set(iso, v);
    }
    return v;
  };
  const indexRun = (r: RunRecord, source: RecordSource): IndexedRun => ({
    uniqueId: r.uniqueId,
    status: r.status,
    startedAt: r.startedAt,
    completedAt: r.completedAt,
    durationSeconds: r.durationSeconds,
    manifest: r.manifest,
    label: r.label,
    source,
    startedMs: ms(r.startedAt),
    completedMs: ms(r.completedAt),
  });

  const consider = (run: IndexedRun): void => {
    if (!BUILT_STATUSES.has(run.status)) return;
    const e = entryOf(run.uniqueId);
    if (e.last === null || newer(run, e.last)) e.last = run;
    if (!TIMED_STATUSES.has(run.status)) return;
    if (run.source === 'history') {
      if (e.runs === null) e.runs = [run];
      else e.runs.push(run);
    } else if (e.timing === null || newer(run, e.timing)) {
      e.timing = run;
    }
  };

  for (const record of history.nodeRuns) if (BUILT_STATUSES.has(record.status)) consider(indexRun(record, 'history'));
  for (const file of history.runResults) {
    const fallback = file.results.generatedAt;
    for (const r of file.results.results) {
      if (!BUILT_STATUSES.has(r.status)) continue;
      consider(
        indexRun(
          {
            uniqueId: r.uniqueId,
            status: r.status,
            startedAt: r.startedAt ?? r.completedAt ?? fallback,
            completedAt: r.completedAt ?? fallback,
            durationSeconds: r.executionTime,
            manifest: file.manifest,
            label: file.label,
          },
          'run_results',
        ),
      );
    }
  }

  /** Durations most recent first, sorted on first use. */
  const durationsOf = (e: Entry): readonly number[] => {
    if (e.durations === null) {
      const runs = e.runs ?? [];
      if (runs.length > 1) runs.sort((a, b) => (newer(a, b) ? -1 : newer(b, a) ? 1 : 0));
      e.durations = runs.map((r) => r.durationSeconds);
    }
    return e.durations;
  };

  const loads = new Map<string, SourceLoad>();
  for (const file of history.sources) {
    for (const r of file.results) {
      const ms = isoMs(r.maxLoadedAt);
      if (ms === null || r.maxLoadedAt === null) continue;
      const prev = loads.get(r.uniqueId);
      if (prev === undefined || ms > prev.ms) loads.set(r.uniqueId, { maxLoadedAt: r.maxLoadedAt, ms });
    }
  }

  const catalog = history.catalog;
  return {
    lastSuccess: (id) => entries.get(id)?.last ?? null,
    historyDurations: (id) => {
      const e = entries.get(id);
      return e === undefined ? [] : durationsOf(e);
    },
    runResultsTiming: (id) => entries.get(id)?.timing ?? null,
    sourceLoad: (id) => loads.get(id) ?? null,
    inCatalog: (id) => catalog?.entries.has(id) ?? false,
    catalogStats: (id) => catalog?.entries.get(id)?.stats ?? null,
  };
}
