import type { Knex } from 'knex';
import * as tenancy from './20250601000000_tenancy';
import * as versionsGraph from './20250601000100_versions_graph';
import * as plansRuns from './20250601000200_plans_runs';
import * as events from './20250601000300_events';
import * as scheduleDefinition from './20261122000400_schedule_definition';
import * as runLookupIndexes from './20261123000500_run_lookup_indexes';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Every migration, listed statically and in order, so they load the same under tsx, jest and a
 * bundle (knex's directory scan needs files on disk with a known extension). Add new ones at the end.
 */
const migrations: ReadonlyArray<readonly [string, Migration]> = [
  ['20250601000000_tenancy', tenancy],
  ['20250601000100_versions_graph', versionsGraph],
  ['20250601000200_plans_runs', plansRuns],
  ['20250601000300_events', events],
  ['20261122000400_schedule_definition', scheduleDefinition],
  ['20261123000500_run_lookup_indexes', runLookupIndexes],
];

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: () => Promise.resolve(migrations.map(([name]) => name)),
  getMigrationName: (name) => name,
  getMigration: (name) => {
    const found = migrations.find(([n]) => n === name);
    if (!found) throw new Error(`unknown migration ${name}`);
    return Promise.resolve(found[1]);
  },
};

export const migrationNames: readonly string[] = migrations.map(([name]) => name);
