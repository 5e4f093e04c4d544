import type { Knex } from 'knex';

/** Canvas events (undo/redo/replay of a user's canvas) and the append-only, hash-chained audit log. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('canvas_events', (t) => {
    t.bigIncrements('seq').primary();
    t.string('tenant_id', 36).notNullable().references('id').inTable('tenants');
    t.string('project_id', 36).notNullable().references('id').inTable('projects');
    t.string('user_id', 200).notNullable();
    t.string('type', 64).notNullable();
    t.text('payload').notNullable();
    t.string('created_at', 32).notNullable();
    t.index(['tenant_id', 'project_id', 'user_id', 'seq']);
  });
  await knex.schema.createTable('audit_events', (t) => {
    t.string('tenant_id', 36).notNullable().references('id').inTable('tenants');
    /** 1, 2, 3, ... per tenant: the chain's position. */
    t.integer('seq').notNullable();
    t.string('at', 32).notNullable();
    t.string('actor', 200).notNullable();
    t.string('action', 100).notNullable();
    t.string('subject_type', 64).notNullable();
    t.string('subject_id', 512).notNullable();
    t.text('context').notNullable();
    /** sha256 of the previous event of the tenant ('' for the first): a fork violates the key below. */
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.primary(['tenant_id', 'seq']);
    t.unique(['tenant_id', 'prev_hash']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['audit_events', 'canvas_events']) await knex.schema.dropTable(table);
}
