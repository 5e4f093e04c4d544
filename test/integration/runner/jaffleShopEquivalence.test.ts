// Every node of examples/jaffle_shop run one at a time on the warm pool, in dependency order, gives
// the same node statuses and the same data as one cold `dbt build` — on DuckDB and on PostgreSQL.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunnerPool, type DbtCommand, type ProfileSpec } from '../../../adapters/runner';
import {
  copyProject, databaseOwner, dbtCli, duckdbProfile, freshDatabase, pgUrl, postgresProfile, pythonPath, queryContext, repoRoot, withPg,
} from './runnerTestKit';

jest.setTimeout(300_000);

interface ManifestNode { resource_type: string; database: string; schema: string; alias?: string; config: { materialized?: string } }
interface Manifest { nodes: Record<string, ManifestNode>; parent_map: Record<string, string[]> }
interface RunResults { results: Array<{ unique_id: string; status: string }> }

const commandFor: Record<string, DbtCommand> = { model: 'run', seed: 'seed', snapshot: 'snapshot', test: 'test' };

/** Parents before children; ties broken by unique_id so the order is deterministic. */
function dependencyOrder(ids: string[], parents: Record<string, string[]>): string[] {
  const pending = new Set(ids);
  const done: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter((id) => (parents[id] ?? []).every((p) => !pending.has(p))).sort();
    if (ready.length === 0) throw new Error('cycle in the manifest');
    for (const id of ready) pending.delete(id);
    done.push(...ready);
  }
  return done;
}

async function runEveryNode(pool: RunnerPool, projectDir: string, target: string, profile: ProfileSpec, order: string[], manifest: Manifest) {
  const statuses: Record<string, string> = {};
  for (const uniqueId of order) {
    const node = manifest.nodes[uniqueId];
    const command = commandFor[node?.resource_type ?? ''];
    if (!command) throw new Error(`no command for ${uniqueId}`);
    const result = await pool.runNode({ projectDir, projectVersion: 'jaffle-v1', target, profile, uniqueId, command, query: queryContext });
    statuses[uniqueId] = result.status;
  }
  return statuses;
}

function relations(manifest: Manifest, ids: string[]): Array<{ id: string; name: string; kind: string }> {
  return ids.flatMap((id) => {
    const n = manifest.nodes[id];
    if (!n || !['model', 'seed', 'snapshot'].includes(n.resource_type) || n.config.materialized === 'ephemeral') return [];
    return [{ id, name: n.alias ?? id.split('.').pop() ?? id, kind: n.resource_type }];
  });
}

let pool: RunnerPool;
beforeAll(async () => {
  pool = await RunnerPool.start({ size: 1, pythonPath });
});
afterAll(async () => {
  await pool?.stop();
});

test.each(['duckdb', 'postgres'] as const)('jaffle_shop node by node equals one dbt build on %s', async (warehouse) => {
  const project = copyProject(join(repoRoot, 'examples', 'jaffle_shop'));
  try {
    let referenceEnv: Record<string, string>;
    let profile: ProfileSpec;
    const database = 'sluice_runner_jaffle_test';
    if (warehouse === 'duckdb') {
      referenceEnv = { SLUICE_DUCKDB_PATH: join(project.dir, '..', 'reference.duckdb') };
      profile = duckdbProfile(join(project.dir, '..', 'warm.duckdb'));
    } else {
      await freshDatabase(database);
      const login = await databaseOwner(database, 'sluice_runner_jaffle_tester');
      const url = new URL(pgUrl());
      referenceEnv = {
        SLUICE_DBT_TARGET: 'postgres', SLUICE_PG_HOST: url.hostname, SLUICE_PG_PORT: url.port, SLUICE_PG_USER: login.user,
        SLUICE_PG_PASSWORD: login.password, SLUICE_PG_DATABASE: database, SLUICE_PG_SCHEMA: 'jaffle_reference',
      };
      profile = postgresProfile(database, 'jaffle_warm', login);
    }
    dbtCli(['build', '--profiles-dir', project.dir, '--project-dir', project.dir], project.dir, referenceEnv);
    const manifest = JSON.parse(readFileSync(join(project.dir, 'target', 'manifest.json'), 'utf8')) as Manifest;
    const reference = JSON.parse(readFileSync(join(project.dir, 'target', 'run_results.json'), 'utf8')) as RunResults;
    // run_results also lists the on-run-start hook; hooks run inside each node's invocation instead.
    const nodeResults = reference.results.filter((r) => commandFor[manifest.nodes[r.unique_id]?.resource_type ?? '']);
    const expected = Object.fromEntries(nodeResults.map((r) => [r.unique_id, r.status]));
    const order = dependencyOrder(Object.keys(expected), manifest.parent_map);
    expect(order.length).toBeGreaterThanOrEqual(20);

    const statuses = await runEveryNode(pool, project.dir, warehouse, profile, order, manifest);
    expect(statuses).toEqual(expected);

    const rels = relations(manifest, order);
    expect(rels.map((r) => r.kind).sort()).toEqual(expect.arrayContaining(['model', 'seed', 'snapshot']));
    const differences = warehouse === 'duckdb'
      ? duckdbDifferences(referenceEnv.SLUICE_DUCKDB_PATH ?? '', join(project.dir, '..', 'warm.duckdb'), rels)
      : await postgresDifferences(database, 'jaffle_reference', 'jaffle_warm', rels);
    expect(differences).toEqual(Object.fromEntries(rels.map((r) => [r.name, 0])));
  } finally {
    project.cleanup();
  }
});

/** Rows in one side and not the other (EXCEPT ALL both ways); snapshots compare row counts only (their validity timestamps differ). */
function duckdbDifferences(referencePath: string, warmPath: string, rels: Array<{ name: string; kind: string }>): Record<string, number> {
  const script = `
import duckdb, json, sys
rels = json.loads(sys.argv[3])
c = duckdb.connect()
c.execute(f"attach '{sys.argv[1]}' as a (read_only)"); c.execute(f"attach '{sys.argv[2]}' as b (read_only)")
out = {}
for r in rels:
    n = r["name"]
    if r["kind"] == "snapshot":
        out[n] = abs(c.execute(f"select (select count(*) from a.main.{n}) - (select count(*) from b.main.{n})").fetchone()[0])
    else:
        out[n] = c.execute(f"select (select count(*) from (select * from a.main.{n} except all select * from b.main.{n})) + (select count(*) from (select * from b.main.{n} except all select * from a.main.{n}))").fetchone()[0]
print(json.dumps(out))
`;
  return JSON.parse(execFileSync(pythonPath, ['-c', script, referencePath, warmPath, JSON.stringify(rels)], { encoding: 'utf8' })) as Record<string, number>;
}

async function postgresDifferences(database: string, a: string, b: string, rels: Array<{ name: string; kind: string }>): Promise<Record<string, number>> {
  return withPg(database, async (c) => {
    const out: Record<string, number> = {};
    for (const r of rels) {
      const sql = r.kind === 'snapshot'
        ? `select abs((select count(*) from ${a}.${r.name}) - (select count(*) from ${b}.${r.name})) as n`
        : `select (select count(*) from (select * from ${a}.${r.name} except all select * from ${b}.${r.name}) x)
                + (select count(*) from (select * from ${b}.${r.name} except all select * from ${a}.${r.name}) y) as n`;
      out[r.name] = Number((await c.query<{ n: string }>(sql)).rows[0]?.n);
    }
    return out;
  });
}
