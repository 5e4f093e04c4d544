import { parseManifest } from '../../../domain/artifacts/manifest';
import type { DbtNode } from '../../../domain/artifacts/types';
import { compareNodes, isStateModified } from '../../../domain/diff/compare';
import { diffVersions } from '../../../domain/diff/diff';
import { buildLogicalGraph } from '../../../domain/graph/build';
import { fixture, readJson } from '../artifacts/fixtures';

type Raw = { nodes: Record<string, Record<string, unknown>> };
const rawBase = (): Raw => readJson(fixture('recce/tests/data/manifest/base/manifest.json')) as Raw;
const side = (json: unknown) => {
  const { manifest } = parseManifest(json);
  return { manifest, graph: buildLogicalGraph(manifest, 'recce') };
};

const CUSTOMERS_DOWNSTREAM = [
  'model.jaffle_shop.customer_order_pattern',
  'model.jaffle_shop.customer_segments',
  'test.jaffle_shop.accepted_values_customer_segments_value_segment__High_Value__Medium_Value__Low_Value.089ad1c243',
  'test.jaffle_shop.not_null_customer_order_pattern_customer_id.3f8f4d52ea',
  'test.jaffle_shop.not_null_customer_segments_customer_id.bcd345d84b',
  'test.jaffle_shop.not_null_customers_customer_id.5c9bf9911d',
  'test.jaffle_shop.relationships_orders_customer_id__customer_id__ref_customers_.c6ec7f58f2',
  'test.jaffle_shop.unique_customer_order_pattern_customer_id.99ad852c54',
  'test.jaffle_shop.unique_customer_segments_customer_id.f3a5b61998',
  'test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1',
];

describe('diffVersions on the recce base → pr2 pair', () => {
  // Verified by reading the JSON: pr2 adds int_customer_orders and int_customer_payments and
  // rewrites customers (raw_code, checksum, depends_on) to use them. Every node also moved to
  // another target schema (rendered `schema`, `relation_name`): not a change in dbt's semantics,
  // which compares the configured (unrendered) database/schema/alias.
  const diff = diffVersions(side(rawBase()), side(readJson(fixture('recce/tests/data/manifest/pr2/manifest.json'))));

  it('finds the two added models, no removal, and customers modified in its body only', () => {
    expect(diff.added.map((d) => d.uniqueId)).toEqual(['model.jaffle_shop.int_customer_orders', 'model.jaffle_shop.int_customer_payments']);
    expect(diff.removed).toEqual([]);
    expect(diff.modified.map((d) => [d.uniqueId, d.changes])).toEqual([['model.jaffle_shop.customers', ['body']]]);
  });

  it('reports the downstream impact of each change in the new graph', () => {
    expect(diff.modified[0]?.impacted).toEqual(CUSTOMERS_DOWNSTREAM);
    expect(diff.added[0]?.impacted).toEqual([...CUSTOMERS_DOWNSTREAM, 'model.jaffle_shop.customers'].sort());
    expect(diff.counts).toEqual({ added: 2, removed: 0, modified: 1, impacted: 13 });
  });

  it('reversed, the two models are removed and their old descendants still present are impacted', () => {
    const back = diffVersions(side(readJson(fixture('recce/tests/data/manifest/pr2/manifest.json'))), side(rawBase()));
    expect(back.removed.map((d) => d.uniqueId)).toEqual(['model.jaffle_shop.int_customer_orders', 'model.jaffle_shop.int_customer_payments']);
    expect(back.removed[0]?.impacted).toContain('model.jaffle_shop.customers');
    expect(back.added).toEqual([]);
  });

  it('the same manifest twice gives an empty diff', () => {
    expect(diffVersions(side(rawBase()), side(rawBase())).counts).toEqual({ added: 0, removed: 0, modified: 0, impacted: 0 });
  });
});

describe('compareNodes categories (real nodes, one field changed at a time)', () => {
  const id = 'model.jaffle_shop.customers';
  const changed = (edit: (node: Record<string, unknown>) => void): string[] => {
    const prev = parseManifest(rawBase()).manifest.nodes.get(id) as DbtNode;
    const json = rawBase();
    edit(json.nodes[id] as Record<string, unknown>);
    const next = parseManifest(json).manifest.nodes.get(id) as DbtNode;
    return [...compareNodes(prev, next)].sort();
  };
  const config = (n: Record<string, unknown>) => n['unrendered_config'] as Record<string, unknown>;

  it('body: raw code', () => {
    expect(changed((n) => { n['raw_code'] = `${String(n['raw_code'])}\n-- edited`; })).toEqual(['body']);
  });
  it('config: an unrendered config key; tags are not a config change (as in dbt)', () => {
    expect(changed((n) => { config(n)['materialized'] = 'incremental'; })).toEqual(['config']);
    expect(changed((n) => { config(n)['tags'] = ['nightly']; })).toEqual([]);
  });
  it('relation: configured alias or schema, not the rendered schema', () => {
    expect(changed((n) => { config(n)['alias'] = 'customers_v2'; })).toEqual(['relation']);
    expect(changed((n) => { n['schema'] = 'another_target_schema'; })).toEqual([]);
  });
  it('contract: enforcing one', () => {
    expect(changed((n) => { n['contract'] = { enforced: true, alias_types: true, checksum: 'abc' }; })).toEqual(['contract']);
  });
  it('description: counted, but persisted only with persist_docs', () => {
    const edited = changed((n) => { n['description'] = 'new words'; });
    expect(edited).toEqual(['description']);
    expect(isStateModified('model', new Set(['description']))).toBe(false);
    expect(changed((n) => {
      n['description'] = 'new words';
      (n['config'] as Record<string, unknown>)['persist_docs'] = { relation: true };
    })).toEqual(['description', 'persisted_descriptions']);
  });
  it('an identical node has no changes', () => {
    expect(changed(() => undefined)).toEqual([]);
  });
});
