/**
 * "Usable relation": a SKIPped upstream can feed a downstream that runs when its relation exists
 * and holds a past successful build. The answer always says why, for the downstream's reason.
 */
import type { DbtNode } from '../domain/artifacts/types';
import type { HistoryIndex } from '../domain/plan/history';
import type { Usability } from './types';

export function relationUsability(node: DbtNode | undefined, history: HistoryIndex): Usability {
  if (node === undefined) return { usable: false, why: 'not in the manifest' };
  // Ephemeral models have no relation: dbt inlines them into each dependent's SQL.
  if (node.materialized === 'ephemeral') return { usable: true, why: 'ephemeral: compiled into its dependents' };
  const last = history.lastSuccess(node.uniqueId);
  if (last !== null) {
    return { usable: true, why: `built successfully at ${last.completedAt ?? 'an unknown time'} (${last.label})` };
  }
  if (history.inCatalog(node.uniqueId)) return { usable: true, why: 'its relation exists (listed in the catalog)' };
  // Tests produce no relation anything reads, so skipping one never starves a downstream.
  if (node.kind === 'test' || node.kind === 'unit_test') return { usable: true, why: 'a test produces no relation' };
  return { usable: false, why: 'no successful run on record and no relation in the catalog' };
}
