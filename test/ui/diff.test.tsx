/**
 * @jest-environment ./test/ui/jsdomFetchEnvironment.js
 */
// The fetch stub first: the API client keeps the fetch it finds when it is created.
import { answerWith, requests, type Router } from './fetchStub';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { DbtNode, Manifest } from '../../domain/artifacts/types';
import { diffVersions } from '../../domain/diff/diff';
import { buildLogicalGraph } from '../../domain/graph/build';
import { useCurrent } from '../../ui/src/app/useCurrent';
import type { GraphPage, ProjectVersion, VersionDiff } from '../../ui/src/client/client';
import { CHANGED_ONLY_ABOVE } from '../../ui/src/diff/diffGraph';
import { DiffView, type LoadedSide } from '../../ui/src/diff/DiffView';
import { createAsyncLayout } from '../../ui/src/graph/asyncLayout';
import { buildWorkspaceGraph } from '../../ui/src/graph/model';
import { Diff } from '../../ui/src/views/Diff';
import { LayoutServiceContext } from '../../ui/src/workspace/layoutContext';
import { graphInputs, loadJaffle, PROJECT_ID } from './fixtures';
import './jsdomShims';


// The API's answers for two versions of jaffle_shop: the head changes `orders` (its SQL), drops
// `test_insert_overwrite` and adds `order_facts` on top of orders. The diff is the domain's own.
const ORDERS = 'model.jaffle_shop.orders';
const REMOVED = 'model.jaffle_shop.test_insert_overwrite';
const ADDED = 'model.jaffle_shop.order_facts';

const jaffle = loadJaffle();
const baseManifest = jaffle.manifest;
const orders = baseManifest.nodes.get(ORDERS) as DbtNode;
const headNodes = new Map(baseManifest.nodes);
headNodes.set(ORDERS, { ...orders, rawCode: `${orders.rawCode ?? ''}\n-- reviewed` });
headNodes.delete(REMOVED);
headNodes.set(ADDED, { ...orders, uniqueId: ADDED, name: 'order_facts', fqn: ['jaffle_shop', 'order_facts'], dependsOn: [ORDERS] });
const headManifest: Manifest = { ...baseManifest, nodes: headNodes };
const headLogical = buildLogicalGraph(headManifest, PROJECT_ID);
// Through JSON, as the API sends it.
const apiDiff = JSON.parse(JSON.stringify(diffVersions({ manifest: baseManifest, graph: jaffle.graph }, { manifest: headManifest, graph: headLogical }))) as VersionDiff;

function side(versionId: string, logical: typeof headLogical): LoadedSide {
  const { nodes, edges } = graphInputs(logical, false);
  return { ref: { tenantId: 't', projectId: 'p', versionId }, title: versionId, graph: buildWorkspaceGraph(nodes, edges, 'jaffle_shop') };
}

function renderWithServices(ui: ReactElement): void {
  // Main-thread layout (no Worker in jsdom); the app uses the worker above 150 nodes.
  const layout = createAsyncLayout(() => {
    throw new Error('no workers in tests');
  }, Number.POSITIVE_INFINITY);
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <LayoutServiceContext.Provider value={layout}>{ui}</LayoutServiceContext.Provider>
    </QueryClientProvider>,
  );
}

async function renderDiff(diff: VersionDiff, base: LoadedSide, head: LoadedSide): Promise<void> {
  renderWithServices(<DiffView diff={diff} base={base} head={head} />);
  await screen.findAllByTestId('diff-node', {}, { timeout: 10_000 });
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

const paneNodes = (pane: 'base' | 'head'): HTMLElement[] => within(screen.getByTestId(`diff-pane-${pane}`)).queryAllByTestId('diff-node');
const statusIn = (pane: 'base' | 'head'): Map<string, string> =>
  new Map(paneNodes(pane).map((n) => [n.getAttribute('data-unique-id') ?? '', n.getAttribute('data-status') ?? '']));
const legend = (key: string): string | null => screen.getByTestId(`legend-${key}`).textContent;

describe('the Diff view', () => {
  const base = side('v1', jaffle.graph);
  const head = side('v2', headLogical);

  it('draws the base and head versions side by side with added, removed, modified and impacted marks', async () => {
    await renderDiff(apiDiff, base, head);
    const left = statusIn('base');
    const right = statusIn('head');
    // Each pane draws its own version's nodes (the union's other nodes are holes at their place).
    expect([...left.keys()].sort()).toEqual([...jaffle.graph.nodes.keys()].sort());
    expect([...right.keys()].sort()).toEqual([...headLogical.nodes.keys()].sort());
    expect(left.get(REMOVED)).toBe('removed');
    expect(right.has(REMOVED)).toBe(false);
    expect(right.get(ADDED)).toBe('added');
    expect(left.has(ADDED)).toBe(false);
    expect(left.get(ORDERS)).toBe('modified');
    expect(right.get(ORDERS)).toBe('modified');
    // What changed, on the node in both panes.
    for (const pane of ['base', 'head'] as const) {
      const node = paneNodes(pane).find((n) => n.getAttribute('data-unique-id') === ORDERS) as HTMLElement;
      expect(within(node).getByTestId('diff-node-changes').getAttribute('data-changes')).toBe('body');
      expect(node.getAttribute('title')).toContain('changed: body');
    }
    // orders' tests are downstream: outlined in the head pane, muted like the rest in the base pane.
    const ordersTests = [...headLogical.descendants(ORDERS)].filter((d) => d.startsWith('test.'));
    expect(ordersTests.length).toBeGreaterThan(0);
    for (const t of ordersTests) {
      expect(right.get(t)).toBe('impacted');
      expect(left.get(t)).toBe('unchanged');
    }
    expect(right.get('seed.jaffle_shop.raw_orders')).toBe('unchanged');
    // The legend counts the marks; the tables keep the details.
    const unionSize = new Set([...left.keys(), ...right.keys()]).size;
    expect([legend('added'), legend('removed'), legend('modified'), legend('impacted')]).toEqual(['1', '1', '1', String(ordersTests.length)]);
    expect(legend('unchanged')).toBe(String(unionSize - 3 - ordersTests.length));
    expect(screen.getByRole('heading', { name: 'modified' })).toBeTruthy();
    expect(screen.getByTestId('diff-shown').textContent).toContain(`${unionSize} of ${unionSize} nodes`);
  });

  it('hides unchanged nodes on demand, collapses the tables, and opens a node of the clicked pane', async () => {
    await renderDiff(apiDiff, base, head);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show unchanged' }));
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
    expect([...statusIn('head').values()].includes('unchanged')).toBe(false);
    expect([...statusIn('base').keys()].sort()).toEqual([ORDERS, REMOVED, ...[...headLogical.descendants(ORDERS)].filter((d) => d !== ADDED)].sort());

    fireEvent.click(screen.getByRole('button', { name: /Hide the change tables/ }));
    expect(screen.queryByRole('heading', { name: 'modified' })).toBeNull();

    const removed = paneNodes('base').find((n) => n.getAttribute('data-unique-id') === REMOVED) as HTMLElement;
    fireEvent.click(removed);
    const panel = await screen.findByRole('complementary', { name: 'Node details' });
    expect(panel.textContent).toContain(REMOVED);
    expect(screen.getByTestId('diff-side').getAttribute('data-pane')).toBe('base');
    expect(screen.getByTestId('diff-side').textContent).toContain('Base version · v1');
  });

  it(`starts in "changed only" when the union has more than ${CHANGED_ONLY_ABOVE} nodes`, async () => {
    const ids = Array.from({ length: CHANGED_ONLY_ABOVE + 20 }, (_, i) => `model.big.m${String(i).padStart(4, '0')}`);
    const nodes = ids.map((uniqueId) => ({ uniqueId, nodeUuid: uniqueId, kind: 'model' as const, name: uniqueId.slice(10), packageName: 'big' }));
    const edges = ids.slice(1).map((to, i) => ({ from: ids[i] as string, to }));
    const graph = buildWorkspaceGraph(nodes, edges, 'big');
    const changed = ids[100] as string;
    const diff: VersionDiff = {
      added: [], removed: [], modified: [{ uniqueId: changed, kind: 'model', changes: ['config'], impacted: [ids[101] as string] }],
      impacted: [changed, ids[101] as string], counts: { added: 0, removed: 0, modified: 1, impacted: 2 },
    };
    await renderDiff(diff, { ref: { tenantId: 't', projectId: 'p', versionId: 'a' }, title: 'a', graph }, { ref: { tenantId: 't', projectId: 'p', versionId: 'b' }, title: 'b', graph });
    expect((screen.getByRole('checkbox', { name: 'Changed only' }) as HTMLInputElement).checked).toBe(true);
    // The change, its impact, and their neighbours: m0099 … m0102.
    expect([...statusIn('head').keys()]).toEqual(ids.slice(99, 103));
    expect(screen.getByTestId('diff-shown').textContent).toContain(`4 of ${ids.length} nodes`);
  });

  it('says so when nothing changed', async () => {
    const none: VersionDiff = { added: [], removed: [], modified: [], impacted: [], counts: { added: 0, removed: 0, modified: 0, impacted: 0 } };
    render(
      <QueryClientProvider client={new QueryClient()}>
        <DiffView diff={none} base={base} head={side('v3', jaffle.graph)} />
      </QueryClientProvider>,
    );
    expect(screen.getByRole('heading', { name: 'Nothing changed' })).toBeTruthy();
    expect(screen.queryByTestId('diff-pane-head')).toBeNull();
  });
});

describe('the Diff route at the HTTP boundary', () => {
  const P = '/api/v1/tenants/t/projects/p';
  const version = (id: string, createdAt: string, nodeCount: number): ProjectVersion => ({
    id, tenantId: 't', projectId: 'p', contentSha256: id.repeat(32), gitSha: null, dbtVersion: '1.10.0', manifestSchema: 'v12', nodeCount, edgeCount: 0, files: [], createdAt,
  });
  // Summaries only (what an API without include=node sends); the view needs no more.
  const pageOf = (logical: typeof headLogical): GraphPage => {
    const { nodes, edges } = graphInputs(logical, false);
    return { nodes: nodes.map(({ uniqueId, nodeUuid, kind, name, packageName }) => ({ uniqueId, nodeUuid, kind, name, packageName })), edges, next: null };
  };
  const api = (diffAnswer: Router): Router => ({ path, query }) => {
    if (path === '/api/v1/tenants') return { body: [{ id: 't', slug: 't', name: 'Tenant', createdAt: '2026-11-01T00:00:00.000Z' }] };
    if (path === '/api/v1/tenants/t/projects') return { body: [{ id: 'p', tenantId: 't', orgId: 'o', slug: 'jaffle', name: 'Jaffle', createdAt: '2026-11-01T00:00:00.000Z' }] };
    if (path === `${P}/versions`) return { body: [version('v2', '2026-11-22T10:00:00.000Z', headLogical.nodes.size), version('v1', '2026-11-21T10:00:00.000Z', jaffle.graph.nodes.size)] };
    if (path === `${P}/versions/v1/graph`) return { body: pageOf(jaffle.graph) };
    if (path === `${P}/versions/v2/graph`) return { body: pageOf(headLogical) };
    if (path === `${P}/versions/v2/diff`) return diffAnswer({ method: 'GET', path, query });
    const node = /^\/api\/v1\/tenants\/t\/projects\/p\/versions\/v1\/nodes\/(.+)$/.exec(path);
    const n = node ? jaffle.graph.get(decodeURIComponent(node[1] as string)) : undefined;
    if (n) return { body: { uniqueId: n.uniqueId, nodeUuid: n.nodeUuid, kind: n.kind, name: n.node.name, packageName: n.node.packageName, node: n.node, parents: [...jaffle.graph.parents(n.uniqueId)], children: [...jaffle.graph.children(n.uniqueId)] } };
    return undefined;
  };
  function RouteUnderTest() {
    return <Diff current={useCurrent()} />;
  }

  beforeEach(() => localStorage.clear());

  it('loads both graphs and the diff against the newest older version, and opens nodes from the clicked pane\'s version', async () => {
    answerWith(api(({ query }) => (query.get('base') === 'v1' ? { body: apiDiff } : undefined)));
    renderWithServices(<RouteUnderTest />);
    await screen.findAllByTestId('diff-node', {}, { timeout: 10_000 });
    expect((screen.getByLabelText('Base version') as HTMLSelectElement).value).toBe('v1');
    expect(requests).toEqual(expect.arrayContaining([`GET ${P}/versions/v1/graph?include=node`, `GET ${P}/versions/v2/graph?include=node`, `GET ${P}/versions/v2/diff?base=v1`]));
    expect(statusIn('base').get(REMOVED)).toBe('removed');
    expect(statusIn('head').get(ADDED)).toBe('added');
    expect(legend('modified')).toBe('1');

    fireEvent.click(paneNodes('base').find((n) => n.getAttribute('data-unique-id') === REMOVED) as HTMLElement);
    const panel = await screen.findByRole('complementary', { name: 'Node details' });
    await within(panel).findByRole('heading', { name: 'test_insert_overwrite' });
    expect(requests).toContain(`GET ${P}/versions/v1/nodes/${REMOVED}`);
  });

  it('shows the API\'s problem when the diff fails', async () => {
    answerWith(api(() => ({ status: 500, body: { type: 'https://sluice.dev/problems/internal', title: 'Internal error', status: 500, detail: 'boom' } })));
    renderWithServices(<RouteUnderTest />);
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toContain('Internal error (500)');
    expect(screen.queryByTestId('diff-pane-head')).toBeNull();
  });
});
