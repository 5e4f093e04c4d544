import type { DbtNode, MacroInfo, Manifest, NodeKind, YamlSelector } from '../../../domain/artifacts/types';
import { buildLogicalGraph } from '../../../domain/graph/build';
import type { LogicalGraph } from '../../../domain/graph/types';

/** A DbtNode with dbt's usual shape for its kind; `over` sets what a test cares about. */
export function node(uniqueId: string, over: Partial<DbtNode> = {}): DbtNode {
  const [kind, pkg = 'shop', ...rest] = uniqueId.split('.');
  const name = over.name ?? rest[rest.length - 1] ?? uniqueId;
  return {
    uniqueId,
    kind: kind as NodeKind,
    name,
    packageName: pkg,
    path: `${name}.sql`,
    originalFilePath: `models/${name}.sql`,
    fqn: [pkg, name],
    tags: [],
    config: { enabled: true },
    unrenderedConfig: {},
    meta: {},
    description: '',
    columns: {},
    checksum: null,
    rawCode: `select 1 -- ${name}`,
    compiledCode: null,
    language: 'sql',
    relation: null,
    relationName: null,
    materialized: null,
    dependsOn: [],
    dependsOnMacros: [],
    group: null,
    access: null,
    version: null,
    latestVersion: null,
    contract: null,
    test: null,
    source: null,
    extra: {},
    ...over,
  };
}

/** A generic test on `parents` (the first is the node it is attached to). */
export function genericTest(uniqueId: string, parents: string[], over: Partial<DbtNode> = {}): DbtNode {
  return node(uniqueId, {
    dependsOn: parents,
    originalFilePath: 'models/schema.yml',
    test: { testType: 'generic', testName: 'unique', attachedNodeId: parents[0] ?? null, columnName: 'id' },
    ...over,
  });
}

export function manifestOf(nodes: DbtNode[], over: Partial<Manifest> = {}): Manifest {
  return {
    schemaVersion: { artifact: 'manifest', version: 12 },
    dbtVersion: '1.11.16',
    projectName: 'shop',
    projectId: 'p',
    adapterType: 'duckdb',
    generatedAt: null,
    nodes: new Map(nodes.map((n) => [n.uniqueId, n])),
    disabled: [],
    macros: new Map<string, MacroInfo>(),
    selectors: {},
    warnings: [],
    ...over,
  };
}

export function graphOf(manifest: Manifest): LogicalGraph {
  return buildLogicalGraph(manifest, 'p');
}

export function yamlSelectors(definitions: Record<string, unknown>, defaults: string[] = []): Record<string, YamlSelector> {
  return Object.fromEntries(
    Object.entries(definitions).map(([name, definition]) => [name, { name, description: null, definition, default: defaults.includes(name) }]),
  );
}

/**
 * A small shop: a source feeds stg_orders and stg_customers, both feed orders; customers depends
 * on orders; a relationship test spans orders and customers; an exposure reads customers.
 */
export function shop(): Manifest {
  return manifestOf([
    node('source.shop.raw.orders', { originalFilePath: 'models/staging/sources.yml', fqn: ['shop', 'staging', 'raw', 'orders'], source: { sourceName: 'raw', tableName: 'orders', loadedAtField: null, freshness: null } }),
    node('model.shop.stg_orders', { originalFilePath: 'models/staging/stg_orders.sql', fqn: ['shop', 'staging', 'stg_orders'], tags: ['staging'], dependsOn: ['source.shop.raw.orders'], config: { enabled: true, materialized: 'view', tags: ['staging'] } }),
    node('model.shop.stg_customers', { originalFilePath: 'models/staging/stg_customers.sql', fqn: ['shop', 'staging', 'stg_customers'], tags: ['staging'], config: { enabled: true, materialized: 'view' }, extra: { patch_path: 'shop://models/staging/schema.yml' } }),
    node('model.shop.orders', { originalFilePath: 'models/marts/orders.sql', fqn: ['shop', 'marts', 'orders'], dependsOn: ['model.shop.stg_orders', 'model.shop.stg_customers'], config: { enabled: true, materialized: 'table', labels: ['a', 'b'], meta: { owner: { team: 'fin' } } } }),
    node('model.shop.customers', { originalFilePath: 'models/marts/customers.sql', fqn: ['shop', 'marts', 'customers'], tags: ['critical'], dependsOn: ['model.shop.orders'], config: { enabled: true, materialized: 'table', persist_docs: { relation: true } } }),
    genericTest('test.shop.unique_orders_id', ['model.shop.orders'], { config: { enabled: true, severity: 'ERROR' } }),
    genericTest('test.shop.rel_orders_customers', ['model.shop.orders', 'model.shop.customers'], {
      test: { testType: 'generic', testName: 'relationships', attachedNodeId: 'model.shop.orders', columnName: 'customer_id' },
      config: { enabled: true, severity: 'warn' },
    }),
    node('test.shop.assert_positive', { originalFilePath: 'tests/assert_positive.sql', dependsOn: ['model.shop.orders'], test: { testType: 'singular', testName: null, attachedNodeId: null, columnName: null } }),
    node('exposure.shop.dashboard', { originalFilePath: 'models/exposures.yml', dependsOn: ['model.shop.customers'], fqn: ['shop', 'dashboard'] }),
    node('group.shop.finance', { originalFilePath: 'models/groups.yml', fqn: [] }),
  ]);
}
