import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixture, repoRoot } from '../artifacts/fixtures';

function sluice(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin/sluice.js'), ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sluice inspect / diff (spawned CLI, offline)', () => {
  it('inspect --json on a folder prints one JSON object with versions, counts and warnings', () => {
    const out = sluice('inspect', fixture('ticketswap-tap-dbt-artifacts/target'), '--json');
    expect(out.status).toBe(0);
    const report = JSON.parse(out.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      schemaVersion: 'manifest/v12',
      dbtVersion: '1.9.1',
      counts: { nodes: 2, models: 1, sources: 1, exposures: 0, edges: 1 },
      catalog: { schemaVersion: 'catalog/v1', entries: 2 },
      runResults: { schemaVersion: 'run_results/v6', results: 2 },
      sources: { schemaVersion: 'sources/v3', results: 1 },
    });
    expect(report['warnings']).toHaveLength(1);
  });

  it('inspect without --json prints a short summary', () => {
    const out = sluice('inspect', fixture('dbt-core-fixtures/defer_state/data/manifest.json'));
    expect(out.status).toBe(0);
    expect(out.stdout.split('\n')[0]).toMatch(/manifest\/v12, dbt PREVIOUS, project test$/);
    expect(out.stdout).toContain('1 functions');
  });

  it('a file that is not a dbt artifact: exit 2 and one line on stderr naming the file', () => {
    const file = fixture('cosmos/tests/sample/small_manifest.json');
    const out = sluice('inspect', file, '--json');
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(`sluice: ${file} is not a dbt artifact: it has no "metadata" object\n`);
  });

  it('a truncated file: exit 2 and one line saying so', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sluice-inspect-'));
    const file = path.join(dir, 'manifest.json');
    writeFileSync(file, readFileSync(fixture('recce/tests/data/manifest/base/manifest.json'), 'utf8').slice(0, 10_000));
    const out = sluice('inspect', file);
    expect(out.status).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toContain(`${file} is truncated or incomplete JSON`);
  });

  it('a missing path: exit 2', () => {
    expect(sluice('inspect', '/nonexistent/manifest.json').status).toBe(2);
  });

  it('diff --json between the recce base and pr2 folders', () => {
    const out = sluice('diff', fixture('recce/tests/data/manifest/base'), fixture('recce/tests/data/manifest/pr2'), '--json');
    expect(out.status).toBe(0);
    const report = JSON.parse(out.stdout) as { counts: unknown; modified: Array<{ uniqueId: string; changes: string[] }> };
    expect(report.counts).toEqual({ added: 2, removed: 0, modified: 1, impacted: 13 });
    expect(report.modified.map((m) => [m.uniqueId, m.changes])).toEqual([['model.jaffle_shop.customers', ['body']]]);
  });
});
