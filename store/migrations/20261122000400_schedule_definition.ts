import type { Knex } from 'knex';

/**
 * Schedules get a column per part of their definition. Until now the API packed the definition as
 * JSON (`{ "v": 1, ... }`) into the `selector` text column and kept Temporal's `@every <n>s[/<m>s]` in
 * `cron` for interval schedules. Up moves those rows into the new columns (`cron` becomes null for an
 * interval schedule); any other row's `selector` was a plain selection expression and becomes
 * `select_expr`. Then `selector` is dropped. Down packs every row back the way the old API reads it.
 *
 * On SQLite, making `cron` nullable and dropping `selector` are table rebuilds (knex's alter/dropColumn
 * copy the table); nothing references `schedules`, so foreign keys are not in the way.
 */

/** What the API (api/services/schedulesStore.ts, now gone) wrote into `selector`: v1 is the only version. */
interface PackedV1 {
  readonly v: 1;
  readonly cron?: unknown;
  readonly interval?: { readonly everySeconds?: unknown; readonly offsetSeconds?: unknown } | null;
  readonly timeZone?: unknown;
  readonly overlap?: unknown;
  readonly select?: unknown;
  readonly exclude?: unknown;
  readonly selector?: unknown;
}

function packedV1(text: string): PackedV1 | null {
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null && (parsed as { v?: unknown }).v === 1 ? (parsed as PackedV1) : null;
  } catch {
    return null; // a plain selection expression
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

/** The new columns of one old row. */
function definitionColumnsOf(row: { cron: string; selector: string }): Record<string, string | number | null> {
  const p = packedV1(row.selector);
  if (!p) {
    // Read as before: a UTC cron, skip on overlap, the column as `--select` ('' meaning everything).
    return { cron: row.cron, select_expr: str(row.selector) };
  }
  const every = int(p.interval?.everySeconds);
  return {
    cron: every !== null ? null : (str(p.cron) ?? row.cron),
    interval_seconds: every,
    interval_offset_seconds: every !== null ? (int(p.interval?.offsetSeconds) ?? 0) : 0,
    time_zone: str(p.timeZone) ?? 'UTC',
    overlap: str(p.overlap) ?? 'skip',
    select_expr: str(p.select),
    exclude_expr: str(p.exclude),
    selector_name: str(p.selector),
  };
}

/** The old `cron` and `selector` of one new row: plain when the old API read it the same, else v1 JSON. */
function packedColumnsOf(r: Record<string, unknown>): { cron: string; selector: string } {
  const every = r.interval_seconds === null || r.interval_seconds === undefined ? null : Number(r.interval_seconds);
  const offset = Number(r.interval_offset_seconds ?? 0);
  const cron = every !== null ? `@every ${every}s${offset > 0 ? `/${offset}s` : ''}` : String(r.cron ?? '');
  const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  const plain = every === null && r.time_zone === 'UTC' && r.overlap === 'skip' && s(r.exclude_expr) === null && s(r.selector_name) === null;
  if (plain) return { cron, selector: s(r.select_expr) ?? '' };
  const packed = {
    v: 1,
    cron: every === null ? cron : null,
    interval: every !== null ? { everySeconds: every, offsetSeconds: offset } : null,
    timeZone: String(r.time_zone),
    overlap: String(r.overlap),
    select: s(r.select_expr),
    exclude: s(r.exclude_expr),
    selector: s(r.selector_name),
  };
  return { cron, selector: JSON.stringify(packed) };
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('schedules', (t) => {
    /** IANA zone the cron expression or interval is read in. */
    t.string('time_zone', 100).notNullable().defaultTo('UTC');
    /** Sluice's name of the Temporal overlap policy (skip, buffer_one, ...). */
    t.string('overlap', 32).notNullable().defaultTo('skip');
    /** Set for an interval schedule (then `cron` is null), null for a cron schedule. */
    t.integer('interval_seconds').nullable();
    t.integer('interval_offset_seconds').notNullable().defaultTo(0);
    /** dbt `--select` / `--exclude` expressions; null means none given. */
    t.text('select_expr').nullable();
    t.text('exclude_expr').nullable();
    /** A YAML selector of the manifest (instead of select/exclude). */
    t.string('selector_name', 200).nullable();
  });
  await knex.schema.alterTable('schedules', (t) => {
    t.string('cron', 200).nullable().alter();
  });
  const rows = (await knex('schedules').select('id', 'cron', 'selector')) as Array<{ id: string; cron: string; selector: string }>;
  for (const row of rows) await knex('schedules').where({ id: row.id }).update(definitionColumnsOf(row));
  await knex.schema.alterTable('schedules', (t) => {
    t.dropColumn('selector');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('schedules', (t) => {
    t.text('selector').nullable();
  });
  const rows = (await knex('schedules').select('*')) as Array<Record<string, unknown>>;
  for (const row of rows) await knex('schedules').where({ id: row.id as string }).update(packedColumnsOf(row));
  await knex.schema.alterTable('schedules', (t) => {
    t.string('cron', 200).notNullable().alter();
    t.text('selector').notNullable().alter();
  });
  await knex.schema.alterTable('schedules', (t) => {
    t.dropColumns('time_zone', 'overlap', 'interval_seconds', 'interval_offset_seconds', 'select_expr', 'exclude_expr', 'selector_name');
  });
}
