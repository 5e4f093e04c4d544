/**
 * @jest-environment ./test/ui/jsdomFetchEnvironment.js
 */
// The fetch stub first: the API client keeps the fetch it finds when it is created.
import { answerWith } from './fetchStub';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { parseManifest } from '../../domain/artifacts/manifest';
import { buildLogicalGraph } from '../../domain/graph/build';
import { generateManifest } from '../../bench/ingest/generate';
import { buildDocsIndex, searchDocs } from '../../ui/src/docs/docsIndex';
import { buildWorkspaceGraph, summaryNode, type NodeInput, type WorkspaceGraph } from '../../ui/src/graph/model';
import { DocsBrowser } from '../../ui/src/views/Docs';
import { graphInputs, PROJECT_ID } from './fixtures';
import { loadTaggedJaffle } from './fullNodeFixtures';

// The Docs view over full nodes: kinds, packages, search over names, descriptions and columns.

const AUDIT = 'model.audit_pkg.audit_log';

/** jaffle_shop with full nodes, plus one model of a second package with a documented column. */
function docsGraph(full = true): WorkspaceGraph {
  const { manifest, graph } = loadTaggedJaffle();
  const { nodes, edges } = graphInputs(graph, full);
  const base = summaryNode({ uniqueId: AUDIT, nodeUuid: 'uuid-audit', kind: 'model', name: 'audit_log', packageName: 'audit_pkg' }, []);
  const audit: NodeInput = {
    uniqueId: AUDIT, nodeUuid: 'uuid-audit', kind: 'model', name: 'audit_log', packageName: 'audit_pkg',
    ...(full ? { node: { ...base, description: 'Every load, one row each', columns: { loaded_at: { name: 'loaded_at', description: 'When the warehouse received the batch', dataType: null, meta: {}, tags: [] } } } } : {}),
  };
  return buildWorkspaceGraph([...nodes, audit], edges, full ? manifest.projectName : null);
}

function renderDocs(graph: WorkspaceGraph): void {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <DocsBrowser graph={graph} versionRef={{ tenantId: 't', projectId: 'p', versionId: 'v' }} />
    </QueryClientProvider>,
  );
}

const names = (): string[] => within(screen.getByRole('table', { name: 'Docs nodes' })).getAllByRole('row').slice(1).map((r) => within(r).getByRole('button').textContent ?? '');
const optionLabels = (label: string): string[] => within(screen.getByLabelText(label)).getAllByRole('option').map((o) => o.textContent ?? '');
const search = (text: string): void => void fireEvent.change(screen.getByLabelText('Search docs'), { target: { value: text } });

describe('the Docs view', () => {
  it('lists every node but tests by name, with counts per kind and package', () => {
    renderDocs(docsGraph());
    const all = [...docsGraph().nodes.values()];
    const documentable = all.filter((n) => n.kind !== 'test');
    expect(names()).toHaveLength(documentable.length);
    expect(names().slice(0, 2)).toEqual(['audit_log', 'orders']);
    expect(screen.getByTestId('docs-count').textContent).toContain(`${documentable.length} of ${all.length} nodes`);
    expect(optionLabels('Kind')).toEqual([`all but tests (${documentable.length})`, 'models (6)', 'seeds (3)', `tests (${all.length - documentable.length})`]);
    expect(optionLabels('Package')).toEqual(['all packages', 'audit_pkg (1)', `jaffle_shop (${documentable.length - 1})`]);
  });

  it('filters by kind and package, and the other filter\'s counts follow', () => {
    renderDocs(docsGraph());
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'seed' } });
    expect(names()).toEqual(['raw_customers', 'raw_orders', 'raw_payments']);
    expect(optionLabels('Package')).toEqual(['all packages', 'audit_pkg (0)', 'jaffle_shop (3)']);
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'all' } });
    fireEvent.change(screen.getByLabelText('Package'), { target: { value: 'audit_pkg' } });
    expect(names()).toEqual(['audit_log']);
    expect(optionLabels('Kind')[1]).toBe('models (1)');
  });

  it('searches names first, then descriptions, then columns, and shows which column matched', () => {
    renderDocs(docsGraph());
    search('payments');
    // stg_payments and raw_payments by name; orders by its description ("... based on payments").
    expect(names()).toEqual(['raw_payments', 'stg_payments', 'orders']);
    search('credit card');
    expect(names()).toEqual(['orders']);
    const match = screen.getByTestId('column-match');
    expect(match.textContent).toContain('column credit_card_amount');
    // gift_card_amount's description matches "card" too.
    expect(match.textContent).toContain('(+1 more)');
    // orders' status column speaks of the warehouse too, but not of a batch: every term must match.
    search('warehouse batch');
    expect(names()).toEqual(['audit_log']);
    expect(screen.getByTestId('column-match').textContent).toBe('column loaded_at: When the warehouse received the batch');
    search('nothing like this');
    expect(screen.getByText('No node matches “nothing like this”.')).toBeTruthy();
    expect(screen.getByTestId('docs-count').textContent).toContain('0 of');
  });

  it('opens the node\'s docs panel', async () => {
    const graph = docsGraph();
    const orders = graph.nodes.get('model.jaffle_shop.orders');
    answerWith(({ path }) => (path.endsWith('/nodes/model.jaffle_shop.orders') && orders ? { body: { ...orders, name: 'orders', packageName: 'jaffle_shop', parents: [], children: [] } } : undefined));
    renderDocs(graph);
    fireEvent.click(screen.getByRole('button', { name: 'orders' }));
    const panel = await screen.findByRole('complementary', { name: 'Node details' });
    await within(panel).findByText(/basic information about orders/);
  });

  it('says descriptions and columns are not searchable with summaries only', () => {
    renderDocs(docsGraph(false));
    expect(screen.getByText(/node summaries only: descriptions and columns are not searchable/)).toBeTruthy();
    search('credit card');
    expect(names()).toEqual([]);
  });
});

describe('the docs search index at 5,000 nodes', () => {
  const text = JSON.stringify(generateManifest({ models: 1700, testsPerModel: 2 }));
  const { manifest } = parseManifest(JSON.parse(text) as unknown);
  const logical = buildLogicalGraph(manifest, PROJECT_ID);
  const { nodes, edges } = graphInputs(logical, true);
  const graph = buildWorkspaceGraph(nodes, edges, manifest.projectName);
  const index = buildDocsIndex(graph);

  it('indexes every node once and answers kinds, packages and column searches from it', () => {
    expect(index.size).toBe(graph.nodes.size);
    expect(graph.nodes.size).toBeGreaterThan(5000);
    const all = searchDocs(index, { query: '', kind: 'all', packageName: null });
    expect(Object.fromEntries(all.kindCounts)).toEqual({ model: 1700, source: 170, test: 3400 });
    expect(all.hits).toHaveLength(1870);
    // Every model documents an `id` column "Primary key": a column search finds them all, by column.
    const byColumn = searchDocs(index, { query: 'primary key', kind: 'model', packageName: null });
    expect(byColumn.hits).toHaveLength(1700);
    expect(byColumn.hits.every((h) => h.match?.field === 'column' && h.match.column === 'id')).toBe(true);
    const byName = searchDocs(index, { query: 'fct_169', kind: 'all', packageName: 'synthetic' });
    expect(byName.hits.map((h) => h.entry.name)).toEqual(['fct_1690', 'fct_1691', 'fct_1692', 'fct_1693', 'fct_1694', 'fct_1695', 'fct_1696', 'fct_1697', 'fct_1698', 'fct_1699']);
  });

  it('renders the browser over it and filters as one types', () => {
    renderDocs(graph);
    expect(screen.getByTestId('docs-count').textContent).toContain('1,870 of 5,270 nodes');
    expect(names()).toHaveLength(300);
    search('int_1000');
    expect(names()).toEqual(['int_1000']);
  });
});
