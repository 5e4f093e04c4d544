import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SelectorError, LS_ALL_RESOURCE_TYPES, LS_DEFAULT_RESOURCE_TYPES, selectNodes, type SelectionState } from '../../../domain/selectors';
import { JAFFLE_CASES, LAB_CASES, RESULT_CASES, STATE_CASES, type SelectorCase } from './cases';
import { copyProject, dbt, dbtLs, loadFolder, modifyLab, snapshotFiles, type DbtOutcome, type Loaded } from './harness';

// Sluice's selection must equal `dbt ls` (dbt-core 1.11, the reference) for every case, on real
// projects parsed by real dbt: examples/jaffle_shop, examples/selector_lab, a modified copy of the
// lab against its original (state:), and the lab after a build and two freshness checks
// (result:, source_status:). Projects are copied to a temporary folder; examples/ is never written.
jest.setTimeout(600_000);

const root = mkdtempSync(join(tmpdir(), 'sluice-selectors-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Fixture {
  readonly current: Loaded;
  readonly state: SelectionState;
  readonly dbt: Map<string, DbtOutcome>;
}

function ours(fixture: Fixture, c: SelectorCase): DbtOutcome {
  const types = c.resourceTypes ?? 'all';
  try {
    const ids = selectNodes({
      graph: fixture.current.graph,
      manifest: fixture.current.set.manifest,
      select: c.select,
      exclude: c.exclude,
      selector: c.selector,
      indirectSelection: c.indirect,
      state: fixture.state,
      resourceTypes: types === 'all' ? LS_ALL_RESOURCE_TYPES : types === 'default' ? LS_DEFAULT_RESOURCE_TYPES : types,
    });
    return { ids };
  } catch (err) {
    if (err instanceof SelectorError) return { error: err.message };
    throw err;
  }
}

/**
 * `anchors` pin a few of dbt's own answers, so a fixture that silently lost its point (a build
 * that did not break, a modification that did not apply) fails instead of comparing empty sets.
 */
function conform(name: string, cases: readonly SelectorCase[], anchors: Readonly<Record<string, readonly string[]>>, setup: () => Fixture): void {
  describe(name, () => {
    let fixture: Fixture;
    beforeAll(() => {
      fixture = setup();
    });
    it('dbt answers the anchor cases as this fixture intends', () => {
      for (const [id, expected] of Object.entries(anchors)) expect({ id, ids: fixture.dbt.get(id)?.ids }).toEqual({ id, ids: expected });
      const answered = cases.filter((c) => (fixture.dbt.get(c.id)?.ids?.length ?? 0) > 0).length;
      expect(answered).toBeGreaterThanOrEqual(cases.length * 0.6);
    });
    it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
      const reference = fixture.dbt.get(c.id);
      expect(reference).toBeDefined();
      const mine = ours(fixture, c);
      if (reference?.error !== undefined) {
        // dbt refused the expression: Sluice must refuse it too, with a message naming it.
        expect(mine.error).toBeDefined();
        expect(mine.ids).toBeUndefined();
      } else {
        expect(mine.error).toBeUndefined();
        expect(mine.ids).toEqual(reference?.ids);
      }
    });
  });
}

conform('examples/jaffle_shop', JAFFLE_CASES, { 'test_type singular': ['test.jaffle_shop.assert_order_amounts_not_negative'] }, () => {
  const dir = copyProject('jaffle_shop', join(root, 'jaffle'));
  const reference = dbtLs(dir, JAFFLE_CASES);
  return { current: loadFolder(join(dir, 'target')), state: {}, dbt: reference };
});

conform('examples/selector_lab', LAB_CASES, { 'version prerelease': ['model.selector_lab.dim_accounts.v3', 'test.selector_lab.not_null_dim_accounts_v3_account_id.32c735d83b'] }, () => {
  const dir = copyProject('selector_lab', join(root, 'lab'));
  dbt(dir, ['deps']);
  const reference = dbtLs(dir, LAB_CASES);
  return { current: loadFolder(join(dir, 'target')), state: {}, dbt: reference };
});

conform('selector_lab modified, against its original (state:)', STATE_CASES, {
  'state:new': ['model.selector_lab.brand_new'],
  'state:modified.macros': ['model.lab_utils.util_numbers', 'model.selector_lab.int_events_enriched'],
}, () => {
  const before = copyProject('selector_lab', join(root, 'lab-before'));
  dbt(before, ['deps']);
  dbt(before, ['parse']);
  const stateDir = snapshotFiles(join(before, 'target'), join(root, 'lab-state'), ['manifest.json']);
  const after = copyProject('selector_lab', join(root, 'lab-after'));
  modifyLab(after);
  dbt(after, ['deps']);
  const reference = dbtLs(after, STATE_CASES, stateDir);
  return { current: loadFolder(join(after, 'target')), state: { previousManifest: loadFolder(stateDir).set.manifest }, dbt: reference };
});

conform('selector_lab after a build and two freshness checks (result:, source_status:)', RESULT_CASES, {
  'result:error': ['model.selector_lab.mart_revenue', 'test.selector_lab.assert_revenue_positive'],
  'result:fail': ['test.selector_lab.assert_events_join_accounts'],
  'source_status:fresher': ['source.selector_lab.lab.events'],
}, () => {
  const dir = copyProject('selector_lab', join(root, 'lab-run'));
  dbt(dir, ['deps']);
  dbt(dir, ['seed']);
  // mart_revenue breaks on purpose: an error, skipped children, a failing and a warning test.
  dbt(dir, ['build', '--vars', '{lab_break: true}'], true);
  const stateDir = snapshotFiles(join(dir, 'target'), join(root, 'run-state'), ['manifest.json', 'run_results.json']);
  // lab.ghost has no table: freshness exits non-zero with a runtime error for it.
  dbt(dir, ['source', 'freshness'], true);
  snapshotFiles(join(dir, 'target'), stateDir, ['sources.json']);
  dbt(dir, ['run-operation', 'lab_touch_events']);
  dbt(dir, ['source', 'freshness'], true);
  const reference = dbtLs(dir, RESULT_CASES, stateDir);
  const previous = loadFolder(stateDir);
  const current = loadFolder(join(dir, 'target'));
  const state: SelectionState = {
    previousManifest: previous.set.manifest,
    previousRunResults: previous.set.runResults,
    previousSources: previous.set.sources,
    currentSources: current.set.sources,
  };
  return { current, state, dbt: reference };
});
