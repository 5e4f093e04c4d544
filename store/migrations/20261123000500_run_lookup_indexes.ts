import type { Knex } from 'knex';

/**
 * Two lookups that read more than they return, found with EXPLAIN:
 * - `node_runs(unique_id, tenant_id)`: a node's history (operations/runs/nodeHistory.ts) walked all of
 *   a project's runs, newest first, to find a rarely run node; now its attempts are found directly.
 *   `unique_id` leads on purpose: SQLite has no statistics (we never ANALYZE), and an index led by
 *   `tenant_id` looks as good to its planner as node_runs' (run_id, ...) key for `tenant_id = ? and
 *   run_id = ?`, so the trends' per-run sum read every node row of the tenant for each run.
 * - `runs(tenant_id, project_id, status, created_at)`: counting the runs awaiting approval
 *   (operations/runs/trends.ts) and listing a project's runs by status, newest first
 *   (operations/runs/listRuns.ts), read every run of the project; `created_at` last lets the listing
 *   stop at its limit, and the count uses the first three columns.
 * A plain CREATE INDEX inside knex's migration transaction: it holds writes to the table while it
 * builds, which is short for the run tables of a control plane.
 */
const NODE_INDEX = { table: 'node_runs', columns: ['unique_id', 'tenant_id'], name: 'node_runs_unique_id_tenant_id_index' } as const;
const STATUS_INDEX = { table: 'runs', columns: ['tenant_id', 'project_id', 'status', 'created_at'], name: 'runs_tenant_id_project_id_status_created_at_index' } as const;

export async function up(knex: Knex): Promise<void> {
  for (const index of [NODE_INDEX, STATUS_INDEX]) {
    await knex.schema.alterTable(index.table, (t) => {
      t.index([...index.columns], index.name);
    });
  }
  // PostgreSQL plans by statistics; until autovacuum analyzes them, a new index can mislead the
  // planner (the trends query went from 12 ms to 2.2 s on a never-analyzed table): analyze now.
  if (knex.client.config.client === 'pg') await knex.raw('ANALYZE runs, node_runs');
}

export async function down(knex: Knex): Promise<void> {
  for (const index of [STATUS_INDEX, NODE_INDEX]) {
    await knex.schema.alterTable(index.table, (t) => {
      t.dropIndex([...index.columns], index.name);
    });
  }
}
