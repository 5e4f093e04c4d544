import type { Knex } from 'knex';

/** Execution plans, runs, node runs (one per node attempt) and schedules. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('plans', (t) => {
    t.string('id', 36).primary();
    t.string('tenant_id', 36).notNullable().references('id').inTable('tenants');
    t.string('project_id', 36).notNullable().references('id').inTable('projects');
    t.string('environment_id', 36).notNullable().references('id').inTable('environments');
    t.string('version_id', 36).notNullable().references('id').inTable('project_versions');
    /** The plan's content hash: an approval is for this hash only. */
    t.string('plan_hash', 64).notNullable();
    /** JSON of the immutable ExecutionPlan. */
    t.text('body').notNullable();
    t.string('created_by', 200).notNullable();
    t.string('created_at', 32).notNullable();
    t.unique(['tenant_id', 'plan_hash']);
  });
  await knex.schema.createTable('runs', (t) => {
    t.string('id', 36).primary();
    t.string('tenant_id', 36).notNullable().references('id').inTable('tenants');
    t.string('project_id', 36).notNullable().references('id').inTable('projects');
    t.string('environment_id', 36).notNullable().references('id').inTable('environments');
    t.string('plan_id', 36).notNullable().references('id').inTable('plans');
    t.string('status', 32).notNullable();
    t.string('workflow_id', 300).notNullable();
    t.string('requested_by', 200).notNullable();
    /** The client's Idempotency-Key: starting the same run twice returns the first. */
    t.string('idempotency_key', 200).nullable();
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.string('started_at', 32).nullable();
    t.string('finished_at', 32).nullable();
    t.unique(['tenant_id', 'idempotency_key']);
    t.index(['tenant_id', 'project_id', 'created_at']);
  });
  await knex.schema.createTable('node_runs', (t) => {
    t.string('id', 36).primary();
    t.string('tenant_id', 36).notNullable().references('id').inTable('tenants');
    t.string('run_id', 36).notNullable().references('id').inTable('runs');
    t.string('unique_id', 512).notNullable();
    t.string('node_uuid', 36).notNullable();
    t.integer('attempt').notNullable();
    t.string('status', 32).notNullable();
    t.string('started_at', 32).nullable();
    t.string('completed_at', 32).nullable();
    t.double('execution_time').nullable();
    t.text('adapter_response').notNullable();
    t.text('message').nullable();
    t.unique(['run_id', 'unique_id', 'attempt']);
  });
  await knex.schema.createTable('schedules', (t) => {
    t.string('id', 36).primary();
    t.string('tenant_id', 36).notNullable().references('id').inTable('tenants');
    t.string('project_id', 36).notNullable().references('id').inTable('projects');
    t.string('environment_id', 36).notNullable().references('id').inTable('environments');
    t.string('name', 200).notNullable();
    t.string('cron', 200).notNullable();
    t.text('selector').notNullable();
    t.boolean('paused').notNullable();
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.unique(['tenant_id', 'project_id', 'name']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['schedules', 'node_runs', 'runs', 'plans']) await knex.schema.dropTable(table);
}
