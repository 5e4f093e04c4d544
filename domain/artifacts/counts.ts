import type { Manifest, NodeKind } from './types';

/** Node counts of a manifest by kind (plural keys, as `sluice inspect` prints them). */
export interface ManifestCounts {
  readonly nodes: number;
  readonly models: number;
  readonly seeds: number;
  readonly snapshots: number;
  readonly tests: number;
  readonly genericTests: number;
  readonly singularTests: number;
  readonly unitTests: number;
  readonly analyses: number;
  readonly operations: number;
  readonly sqlOperations: number;
  readonly sources: number;
  readonly exposures: number;
  readonly metrics: number;
  readonly semanticModels: number;
  readonly savedQueries: number;
  readonly groups: number;
  readonly functions: number;
  readonly disabled: number;
  readonly macros: number;
}

type KindKey = Exclude<keyof ManifestCounts, 'nodes' | 'genericTests' | 'singularTests' | 'disabled' | 'macros'>;

function keyOf(kind: NodeKind): KindKey {
  switch (kind) {
    case 'model': return 'models';
    case 'seed': return 'seeds';
    case 'snapshot': return 'snapshots';
    case 'test': return 'tests';
    case 'unit_test': return 'unitTests';
    case 'analysis': return 'analyses';
    case 'operation': return 'operations';
    case 'sql_operation': return 'sqlOperations';
    case 'source': return 'sources';
    case 'exposure': return 'exposures';
    case 'metric': return 'metrics';
    case 'semantic_model': return 'semanticModels';
    case 'saved_query': return 'savedQueries';
    case 'group': return 'groups';
    case 'function': return 'functions';
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

export function countManifest(manifest: Manifest): ManifestCounts {
  const counts = {
    nodes: manifest.nodes.size, models: 0, seeds: 0, snapshots: 0, tests: 0, genericTests: 0, singularTests: 0, unitTests: 0,
    analyses: 0, operations: 0, sqlOperations: 0, sources: 0, exposures: 0, metrics: 0, semanticModels: 0, savedQueries: 0,
    groups: 0, functions: 0, disabled: manifest.disabled.length, macros: manifest.macros.size,
  };
  for (const node of manifest.nodes.values()) {
    counts[keyOf(node.kind)]++;
    if (node.test?.testType === 'generic') counts.genericTests++;
    if (node.test?.testType === 'singular') counts.singularTests++;
  }
  return counts;
}
