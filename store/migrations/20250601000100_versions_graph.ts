import type { Knex } from 'knex';

/** Project versions (content-addressed artifact sets) and the LogicalGraph nodes and edges of each. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('project_versions', (t) => {
    t.string('id', 36).primary();
    t.string('tenant_id', 36).notNullable().references('id').inTable('tenants');
    t.string('project_id', 36).notNullable().references('id').inTable('projects');
    /** sha256 over the sorted (kind, sha256 of file) list: the same files give the same version. */
    t.string('content_sha256', 64).notNullable();
    t.string('git_sha', 64).nullable();
    t.string('dbt_version', 32).nullable();
    t.string('manifest_schema', 32).notNullable();
    t.integer('node_count').notNullable();
    t.integer('edge_count').notNullable();
    /** JSON array of { kind, sha256, size }: each file is a blob named by its sha256. */
    t.text('files').notNullable();
    t.string('created_at', 32).notNullable();
    t.unique(['tenant_id', 'project_id', 'content_sha256']);
    t.index(['tenant_id', 'project_id', 'created_at']);
  });
  await knex.schema.createTable('graph_nodes', (t) => {
    t.string('tenant_id', 36).notNullable().references('id').inTable('tenants');
    t.string('version_id', 36).notNullable().references('id').inTable('project_versions');
    t.string('unique_id', 512).notNullable();
    t.string('node_uuid', 36).notNullable();
    t.string('kind', 32).notNullable();
    t.string('name', 512).notNullable();
    t.string('package_name', 256).notNullable();
    /** JSON of the normalized DbtNode (docs, columns, config, code). */
    t.text('data').notNullable();
    t.primary(['version_id', 'unique_id']);
  });
  await knex.schema.createTable('graph_edges', (t) => {
    t.string('tenant_id', 36).notNullable().references('id').inTable('tenants');
    t.string('version_id', 36).notNullable().references('id').inTable('project_versions');
    t.string('from_id', 512).notNullable();
    t.string('to_id', 512).notNullable();
    t.primary(['version_id', 'from_id', 'to_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['graph_edges', 'graph_nodes', 'project_versions']) await knex.schema.dropTable(table);
}
