/**
 * @jest-environment jsdom
 */
import type { NodeKind } from '../../domain/artifacts/types';
import type { VersionDiff } from '../../ui/src/client/client';
import {
  buildUnionGraph, CHANGED_ONLY_ABOVE, defaultFilter, filterUnion, layoutGraphOf, legendCounts, paneOf, type UnionGraph,
} from '../../ui/src/diff/diffGraph';
import { buildWorkspaceGraph, type WorkspaceGraph } from '../../ui/src/graph/model';

// Two versions of a small project. Head: `orders` changed (body, config), `old` removed, `new` added
// downstream of orders, and a new ref orders → customers; `lonely` → `far` is untouched by all of it.
const id = (name: string): string => (name === 'raw' ? 'seed.p.raw' : `model.p.${name}`);

function graphOf(names: readonly string[], edges: ReadonlyArray<readonly [string, string]>): WorkspaceGraph {
  const nodes = names.map((name) => ({
    uniqueId: id(name), nodeUuid: `uuid-${name}`, kind: (name === 'raw' ? 'seed' : 'model') as NodeKind, name, packageName: 'p',
  }));
  return buildWorkspaceGraph(nodes, edges.map(([from, to]) => ({ from: id(from), to: id(to) })), 'p');
}

const base = graphOf(
  ['raw', 'stg', 'orders', 'old', 'customers', 'lonely', 'far'],
  [['raw', 'stg'], ['stg', 'orders'], ['orders', 'old'], ['stg', 'customers'], ['lonely', 'far']],
);
const head = graphOf(
  ['raw', 'stg', 'orders', 'new', 'customers', 'lonely', 'far'],
  [['raw', 'stg'], ['stg', 'orders'], ['orders', 'new'], ['stg', 'customers'], ['orders', 'customers'], ['lonely', 'far']],
);
const diff: VersionDiff = {
  added: [{ uniqueId: id('new'), kind: 'model', changes: [], impacted: [] }],
  removed: [{ uniqueId: id('old'), kind: 'model', changes: [], impacted: [] }],
  modified: [{ uniqueId: id('orders'), kind: 'model', changes: ['body', 'config'], impacted: [id('customers'), id('new')] }],
  impacted: [id('customers'), id('new'), id('orders')],
  counts: { added: 1, removed: 1, modified: 1, impacted: 3 },
};

const statuses = (union: UnionGraph): Record<string, [string | null, string | null]> =>
  Object.fromEntries(union.nodes.map((n) => [n.label, [n.base, n.head]]));
const edgeList = (union: UnionGraph): string[] => union.edges.map((e) => `${e.from.split('.').pop()}>${e.to.split('.').pop()} ${e.base ?? '-'}/${e.head ?? '-'}`);

describe('the union graph of two versions', () => {
  const union = buildUnionGraph(base, head, diff);

  it('has the nodes of both versions, sorted, each with its status in each pane', () => {
    expect(union.nodes.map((n) => n.id)).toEqual([...new Set([...base.nodes.keys(), ...head.nodes.keys()])].sort());
    expect(statuses(union)).toEqual({
      raw: ['unchanged', 'unchanged'],
      stg: ['unchanged', 'unchanged'],
      orders: ['modified', 'modified'],
      old: ['removed', null],
      new: [null, 'added'],
      // Impact is shown in the head pane only.
      customers: ['unchanged', 'impacted'],
      lonely: ['unchanged', 'unchanged'],
      far: ['unchanged', 'unchanged'],
    });
    const orders = union.nodes.find((n) => n.label === 'orders');
    expect(orders).toMatchObject({ kind: 'model', changes: ['body', 'config'], impacts: 2 });
    expect(union.nodes.find((n) => n.label === 'raw')).toMatchObject({ kind: 'seed', changes: [], impacts: 0 });
  });

  it('keeps edges of one version only in that pane, styled added or removed', () => {
    expect(edgeList(union)).toEqual([
      'lonely>far same/same',
      'orders>customers -/added',
      'orders>new -/added',
      'orders>old removed/-',
      'stg>customers same/same',
      'stg>orders same/same',
      // Sorted by unique_id: seed.* after model.*.
      'raw>stg same/same',
    ]);
    const basePane = paneOf(union, 'base');
    const headPane = paneOf(union, 'head');
    expect(basePane.nodes.map((n) => n.label)).not.toContain('new');
    expect(headPane.nodes.map((n) => n.label)).not.toContain('old');
    expect(basePane.edges.map((e) => `${e.to.split('.').pop()} ${e.status}`)).toEqual(expect.arrayContaining(['old removed']));
    expect(basePane.edges.some((e) => e.to === id('new') || (e.from === id('orders') && e.to === id('customers')))).toBe(false);
    expect(headPane.edges.filter((e) => e.status === 'added').map((e) => e.to)).toEqual([id('customers'), id('new')]);
    expect(headPane.edges.some((e) => e.to === id('old'))).toBe(false);
    // Edges between unchanged nodes are muted; stg → customers is not in the head pane (customers is impacted there).
    const muted = (pane: ReturnType<typeof paneOf>): string[] => pane.edges.filter((e) => e.muted).map((e) => `${e.from.split('.').pop()}>${e.to.split('.').pop()}`);
    expect(muted(basePane)).toEqual(['lonely>far', 'stg>customers', 'raw>stg']);
    expect(muted(headPane)).toEqual(['lonely>far', 'raw>stg']);
  });

  it('counts the marks for the legend', () => {
    expect(legendCounts(union)).toEqual({ added: 1, removed: 1, modified: 1, impacted: 1, unchanged: 4 });
  });

  it('lays out one graph for both panes: every node and every edge once', () => {
    const visible = layoutGraphOf(union);
    expect(visible.nodes.map((n) => n.id)).toEqual(union.nodes.map((n) => n.id));
    expect(visible.nodes.every((n) => n.type === 'node')).toBe(true);
    expect(visible.edges).toHaveLength(7);
  });

  it('treats a node present in one version only as added or removed even when the diff omits it', () => {
    const partial = buildUnionGraph(base, head, { ...diff, added: [], removed: [] });
    expect(statuses(partial)['new']).toEqual([null, 'added']);
    expect(statuses(partial)['old']).toEqual(['removed', null]);
  });
});

describe('the "changed only" and "show unchanged" filters', () => {
  const union = buildUnionGraph(base, head, diff);
  const labels = (u: UnionGraph): string[] => u.nodes.map((n) => n.label).sort();

  it('keeps changed and impacted nodes and their direct neighbours with "changed only"', () => {
    const shown = filterUnion(union, { changedOnly: true, showUnchanged: true });
    expect(labels(shown)).toEqual(['customers', 'new', 'old', 'orders', 'stg']);
    // Only edges between kept nodes.
    expect(edgeList(shown)).toEqual(['orders>customers -/added', 'orders>new -/added', 'orders>old removed/-', 'stg>customers same/same', 'stg>orders same/same']);
  });

  it('hides every unchanged node without "show unchanged"', () => {
    expect(labels(filterUnion(union, { changedOnly: true, showUnchanged: false }))).toEqual(['customers', 'new', 'old', 'orders']);
    expect(labels(filterUnion(union, { changedOnly: false, showUnchanged: false }))).toEqual(['customers', 'new', 'old', 'orders']);
    expect(labels(filterUnion(union, { changedOnly: false, showUnchanged: true }))).toHaveLength(8);
  });

  it(`starts in "changed only" above ${CHANGED_ONLY_ABOVE} union nodes`, () => {
    expect(defaultFilter(union)).toEqual({ changedOnly: false, showUnchanged: true });
    const names = Array.from({ length: CHANGED_ONLY_ABOVE + 1 }, (_, i) => `m${String(i).padStart(4, '0')}`);
    const chain = names.slice(1).map((name, i) => [names[i] as string, name] as const);
    const big = graphOf(names, chain);
    const changed: VersionDiff = { ...diff, added: [], removed: [], modified: [{ ...diff.modified[0], uniqueId: id('m0250'), impacted: [] } as VersionDiff['modified'][number]], impacted: [id('m0250')] };
    const bigUnion = buildUnionGraph(big, big, changed);
    expect(bigUnion.nodes).toHaveLength(CHANGED_ONLY_ABOVE + 1);
    expect(defaultFilter(bigUnion)).toEqual({ changedOnly: true, showUnchanged: true });
    expect(labels(filterUnion(bigUnion, defaultFilter(bigUnion)))).toEqual(['m0249', 'm0250', 'm0251']);
    // Exactly at the limit it still draws everything.
    const atLimit = graphOf(names.slice(0, CHANGED_ONLY_ABOVE), chain.slice(0, CHANGED_ONLY_ABOVE - 1));
    expect(defaultFilter(buildUnionGraph(atLimit, atLimit, changed)).changedOnly).toBe(false);
  });
});
