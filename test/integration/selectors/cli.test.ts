import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/env';
import { copyProject, dbt, dbtLs, modifyLab, snapshotFiles } from './harness';

// `sluice select` as a user runs it, offline, on artifacts written by real dbt: the same ids as
// `dbt ls` (including against --state), one per line or as JSON, and exit 2 with one line for a
// bad expression.
jest.setTimeout(240_000);

const root = mkdtempSync(join(tmpdir(), 'sluice-select-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let before: string;
let after: string;
let stateDir: string;

beforeAll(() => {
  before = copyProject('selector_lab', join(root, 'before'));
  dbt(before, ['deps']);
  dbt(before, ['parse']);
  stateDir = snapshotFiles(join(before, 'target'), join(root, 'state'), ['manifest.json']);
  after = copyProject('selector_lab', join(root, 'after'));
  modifyLab(after);
  dbt(after, ['deps']);
  dbt(after, ['parse']);
});

function sluice(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(repoRoot, 'bin', 'sluice.js'), 'select', ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

it('prints what dbt ls prints, with --json, one per line, and against --state', () => {
  const cases = [
    { id: 'a', select: ['+mart_revenue', 'tag:utils'], exclude: ['stg_events'] },
    { id: 'b', select: ['state:modified+'] },
    { id: 'c', selector: 'near_events' },
  ];
  const reference = dbtLs(after, cases, stateDir);
  const a = sluice(join(after, 'target'), '--select', '+mart_revenue', 'tag:utils', '--exclude', 'stg_events', '--resource-type', 'all', '--json');
  expect(a.status).toBe(0);
  expect(JSON.parse(a.stdout)).toEqual(reference.get('a')?.ids);
  const b = sluice(join(after, 'target'), '-s', 'state:modified+', '--state', stateDir, '--resource-type', 'all');
  expect(b.status).toBe(0);
  expect(b.stdout.trim().split('\n')).toEqual(reference.get('b')?.ids);
  const c = sluice(join(after, 'target', 'manifest.json'), '--selector', 'near_events', '--resource-type', 'all', '--json');
  expect(JSON.parse(c.stdout)).toEqual(reference.get('c')?.ids);
  expect((reference.get('b')?.ids ?? []).length).toBeGreaterThan(5);
});

it.each([
  [['--select', 'foo:bar'], /'foo' is not a valid method name in selector "foo:bar"/],
  [['--select', '@stg_events+'], /incompatible/],
  [['--select', 'state:modified'], /needs a previous manifest/],
  [['--selector', 'nope'], /Could not find selector named "nope"/],
  [['--resource-type', 'widget'], /unknown resource type "widget"/],
  [['--indirect-selection', 'sometimes'], /unknown --indirect-selection/],
])('refuses %j with exit 2 and one line', (args, message) => {
  const run = sluice(join(before, 'target'), ...args);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(message);
});
