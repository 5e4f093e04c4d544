import type { NodeKind } from '../../domain/artifacts/types';
import { collapseGraph, countTests, drawnNodeOf, groupsOf } from '../../ui/src/graph/collapse';
import { buildWorkspaceGraph, summaryNode, type NodeInput } from '../../ui/src/graph/model';
import { graphInputs, loadJaffle } from './fixtures';

// A small lineage with every case of tests off the lineage: a model with a data test, a
// relationships test on two models, a unit test, a test with no parent, and a package of tests only.
const A = 'model.p.a';
const B = 'model.p.b';
const C = 'model.p.c';
const RAW = 'source.p.raw.orders';
const T1 = 'test.p.not_null_a_id.1';
const REL = 'test.p.relationships_b_a_id.2';
const U1 = 'unit_test.p.b.test_b_logic';
const ORPHAN = 'test.p.assert_something.3';
const ONLY = 'test.q.not_null_a_other.4';

function input(uniqueId: string, kind: NodeKind, packageName = 'p', attachedNodeId: string | null = null): NodeInput {
  const base = { uniqueId, nodeUuid: `uuid-${uniqueId}`, kind, name: uniqueId.split('.')[2] ?? uniqueId, packageName };
  if (attachedNodeId === null) return base;
  const node = summaryNode(base, []);
  return { ...base, node: { ...node, test: { testType: 'generic', testName: 'relationships', attachedNodeId, columnName: 'a_id' } } };
}

const edges = [
  { from: RAW, to: A }, { from: A, to: B }, { from: B, to: C },
  { from: A, to: T1 }, { from: A, to: REL }, { from: B, to: REL }, { from: B, to: U1 }, { from: A, to: ONLY },
];
const graph = buildWorkspaceGraph(
  [input(RAW, 'source'), input(A, 'model'), input(B, 'model'), input(C, 'model'), input(T1, 'test'), input(REL, 'test', 'p', B), input(U1, 'unit_test'), input(ORPHAN, 'test'), input(ONLY, 'test', 'q')],
  edges,
);
const ids = (nodes: ReadonlyArray<{ id: string }>): string[] => nodes.map((n) => n.id);

describe('tests off the lineage (collapseGraph hideTests)', () => {
  it('draws tests by default and counts on each node the tests attached to it', () => {
    const visible = collapseGraph(graph, 'package', new Set());
    expect(visible.testsHidden).toBe(false);
    expect(visible.nodes).toHaveLength(graph.nodes.size);
    expect(visible.edges).toHaveLength(edges.length);
    const tests = Object.fromEntries(visible.nodes.map((n) => [n.id, n.tests]));
    expect(tests).toMatchObject({ [A]: [T1, REL, ONLY], [B]: [REL, U1], [C]: [], [RAW]: [], [T1]: [], [U1]: [] });
  });

  it('leaves out test and unit_test nodes and their edges; a relationships test counts for both its models', () => {
    const visible = collapseGraph(graph, 'package', new Set(), { hideTests: true });
    expect(visible.testsHidden).toBe(true);
    expect(ids(visible.nodes)).toEqual([A, B, C, RAW]);
    expect(visible.edges).toEqual([{ from: RAW, to: A }, { from: A, to: B }, { from: B, to: C }]);
    expect(visible.nodes.find((n) => n.id === A)?.tests).toEqual([T1, REL, ONLY]);
    expect(visible.nodes.find((n) => n.id === B)?.tests).toEqual([REL, U1]);
    // The dbt graph is untouched.
    expect(graph.nodes.size).toBe(9);
    expect(graph.edges).toHaveLength(edges.length);
  });

  it('leaves tests out of collapsed groups too, and draws no group of tests only', () => {
    const visible = collapseGraph(graph, 'package', new Set(['package:p', 'package:q']), { hideTests: true });
    expect(visible.nodes.map((n) => ({ id: n.id, type: n.type, members: n.members, tests: n.tests }))).toEqual([
      { id: 'package:p', type: 'group', members: [A, B, C, RAW], tests: [] },
    ]);
    expect(visible.edges).toEqual([]);
    // With tests drawn, package q is a group of its one test, fed by package p.
    const shown = collapseGraph(graph, 'package', new Set(['package:p', 'package:q']));
    expect(ids(shown.nodes)).toEqual(['package:p', 'package:q']);
    expect(shown.nodes[0]?.members).toHaveLength(8);
    expect(shown.edges).toEqual([{ from: 'package:p', to: 'package:q' }]);
  });

  it('lists groups as drawn: tests not counted, a group of tests only left out', () => {
    expect(groupsOf(graph, 'package')).toEqual([{ key: 'package:p', size: 8 }, { key: 'package:q', size: 1 }]);
    expect(groupsOf(graph, 'package', { hideTests: true })).toEqual([{ key: 'package:p', size: 4 }]);
    expect(countTests(graph)).toBe(5);
  });

  it('finds the drawn node of a hidden test: its attached parent, else its first parent, else none', () => {
    expect(drawnNodeOf(graph, T1, false)).toBe(T1);
    expect(drawnNodeOf(graph, A, true)).toBe(A);
    expect(drawnNodeOf(graph, T1, true)).toBe(A);
    // dbt attaches the relationships test to b, the model with the column: its first parent is a.
    expect(drawnNodeOf(graph, REL, true)).toBe(B);
    expect(drawnNodeOf(graph, U1, true)).toBe(B);
    expect(drawnNodeOf(graph, ORPHAN, true)).toBeNull();
    expect(drawnNodeOf(graph, 'model.p.nope', true)).toBeNull();
  });

  it('on jaffle_shop, leaves the models and seeds with their test counts', () => {
    const jaffle = loadJaffle();
    const { nodes, edges: jaffleEdges } = graphInputs(jaffle.graph, true);
    const g = buildWorkspaceGraph(nodes, jaffleEdges);
    const visible = collapseGraph(g, 'folder', new Set(), { hideTests: true });
    const drawn = [...g.nodes.values()].filter((n) => n.kind !== 'test' && n.kind !== 'unit_test').map((n) => n.uniqueId);
    expect(ids(visible.nodes)).toEqual(drawn.sort());
    expect(visible.edges.every((e) => drawn.includes(e.from) && drawn.includes(e.to))).toBe(true);
    const orders = visible.nodes.find((n) => n.id === 'model.jaffle_shop.orders');
    expect(orders?.tests).toEqual((g.children.get('model.jaffle_shop.orders') ?? []).filter((c) => c.startsWith('test.')));
    expect(orders?.tests?.length).toBeGreaterThan(5);
  });
});
