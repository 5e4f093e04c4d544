import type { Knex } from 'knex';

/** Tenants and what they own: orgs → projects → environments, and the API tokens that act for them. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tenants', (t) => {
    t.string('id', 36).primary();
    t.string('slug', 64).notNullable().unique();
    t.string('name', 200).notNullable();
    t.string('created_at', 32).notNullable();
  });
  await knex.schema.createTable('orgs', (t) => {
    t.string('id', 36).primary();
    t.string('tenant_id', 36).notNullable().references('id').inTable('tenants');
    t.string('slug', 64).notNullable();
    t.string('name', 200).notNullable();
    t.string('created_at', 32).notNullable();
    t.unique(['tenant_id', 'slug']);
  });
  await knex.schema.createTable('projects', (t) => {
    t.string('id', 36).primary();
    t.string('tenant_id', 36).notNullable().references('id').inTable('tenants');
    t.string('org_id', 36).notNullable().references('id').inTable('orgs');
    t.string('slug', 64).notNullable();
    t.string('name', 200).notNullable();
    t.string('created_at', 32).notNullable();
    t.unique(['tenant_id', 'org_id', 'slug']);
  });
  await knex.schema.createTable('environments', (t) => {
    t.string('id', 36).primary();
    t.string('tenant_id', 36).notNullable().references('id').inTable('tenants');
    t.string('project_id', 36).notNullable().references('id').inTable('projects');
    t.string('name', 64).notNullable();
    /** The dbt target the environment runs against (a profile target name). */
    t.string('target', 200).notNullable();
    /** JSON: secrets by reference and policy settings; never secret values. */
    t.text('settings').notNullable();
    t.string('created_at', 32).notNullable();
    t.unique(['tenant_id', 'project_id', 'name']);
  });
  await knex.schema.createTable('api_tokens', (t) => {
    t.string('id', 36).primary();
    t.string('tenant_id', 36).notNullable().references('id').inTable('tenants');
    t.string('name', 200).notNullable();
    t.string('role', 16).notNullable();
    /** sha256 hex of the secret; the secret itself is shown once and never stored. */
    t.string('token_hash', 64).notNullable().unique();
    /** The first characters of the token, safe to show in lists. */
    t.string('prefix', 16).notNullable();
    t.string('created_at', 32).notNullable();
    t.string('expires_at', 32).nullable();
    t.string('revoked_at', 32).nullable();
    t.string('last_used_at', 32).nullable();
    t.index(['tenant_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['api_tokens', 'environments', 'projects', 'orgs', 'tenants']) {
    await knex.schema.dropTable(table);
  }
}
