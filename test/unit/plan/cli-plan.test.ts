/** `sluice plan` end to end on files: the recce pair as PATH and --state, JSON and table output, bad input. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

const ROOT = path.join(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/plans');
let dir = '';
const sluice = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/sluice.js'), 'plan', ...args], { encoding: 'utf8', cwd: ROOT });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sluice-plan-'));
  for (const side of ['base', 'pr2']) {
    mkdirSync(path.join(dir, side));
    writeFileSync(path.join(dir, side, 'manifest.json'), gunzipSync(readFileSync(path.join(FIXTURES, 'recce', side, 'manifest.json.gz'))));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sluice plan', () => {
  it('prints the plan as JSON; with --state and --assume-state-built it skips what did not change', () => {
    const args = [path.join(dir, 'pr2'), '--select', '+customers+', '--state', path.join(dir, 'base'), '--assume-state-built', '--now', '2026-11-22T10:00:00Z', '--plan-id', 'p1', '--json'];
    const out = sluice(...args);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const plan = JSON.parse(out.stdout);
    expect(plan.hash).toMatch(/^[0-9a-f]{64}$/);
    const models = plan.nodes.filter((n: { kind: string }) => n.kind === 'model').map((n: { name: string; action: string }) => `${n.name}:${n.action}`);
    expect(models.sort()).toEqual([
      'customer_order_pattern:RUN', 'customer_segments:RUN', 'customers:RUN', 'int_customer_orders:RUN', 'int_customer_payments:RUN',
      'stg_customers:SKIP', 'stg_orders:SKIP', 'stg_payments:SKIP',
    ]);
    expect(plan.selection.named).toEqual(['model.jaffle_shop.customers']);
    expect(Object.keys(plan.totals)).toEqual(expect.arrayContaining(['nodes', 'makespanSeconds', 'estimatedCost']));
    expect(plan.approvals.required).toBe(false);
    expect(sluice(...args).stdout).toBe(out.stdout);
  });

  it('prints a readable table with totals, and rejects bad input with one line and exit 2', () => {
    const table = sluice(path.join(dir, 'pr2'), '--select', 'stg_orders', '--now', '2026-11-22T10:00:00Z', '--budget', '0', '--cost-rate', '36');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^ACTION\s+NODE\s+REASON\s+ESTIMATE\n/);
    expect(table.stdout).toMatch(/\nRUN +model\.jaffle_shop\.stg_orders +named by the user in the selection +60 s \(default\)\n/);
    expect(table.stdout).toMatch(/\ntotals: \d+ RUN, 0 PARTIAL, 0 SKIP of \d+; work .*; cost [\d.]+ \(budget 0\)\n/);
    expect(table.stdout).toContain('approvals: 1 × admin');

    const bad = sluice(path.join(dir, 'pr2'), '--concurrency', 'zero');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('sluice: --concurrency must be a whole number ≥ 1 (got "zero")\n');
  });
});
