/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../ui/src/client/client';
import { parseRoute, pathOf } from '../../ui/src/app/router';
import { ErrorState } from '../../ui/src/app/states';
import { createLocalCanvasStore } from '../../ui/src/canvas/eventStore';
import { isTestKind } from '../../ui/src/graph/collapse';
import { buildWorkspaceGraph } from '../../ui/src/graph/model';
import { graphInputs, loadJaffle } from './fixtures';
import { taggedWorkspace } from './fullNodeFixtures';
import { renderWorkspace } from './workspaceHarness';

const jaffle = loadJaffle();
const { nodes, edges } = graphInputs(jaffle.graph, true);
const graph = buildWorkspaceGraph(nodes, edges, jaffle.manifest.projectName);
const ORDERS = 'model.jaffle_shop.orders';

async function renderJaffle(): Promise<void> {
  await renderWorkspace(graph);
  await screen.findByText(/layout \d+ ms/, {}, { timeout: 10_000 });
}

beforeEach(() => localStorage.clear());

describe('GraphWorkspace', () => {
  it('highlights the nodes a dbt selector selects and lists them', async () => {
    await renderJaffle();
    fireEvent.change(screen.getByLabelText('dbt selector'), { target: { value: '+orders' } });
    const status = await screen.findByText(/\d+ selected/);
    const list = screen.getByTestId('selected-nodes');
    const listed = within(list).getAllByRole('button').map((b) => b.textContent);
    expect(listed).toEqual(expect.arrayContaining(['model.jaffle_shop.orders', 'model.jaffle_shop.stg_orders', 'model.jaffle_shop.stg_payments']));
    expect(listed).not.toContain('model.jaffle_shop.customers');
    expect(status.textContent).toBe(`${listed.length} selected`);
  });

  it('shows a bad selector as invalid with dbt error text', async () => {
    await renderJaffle();
    fireEvent.change(screen.getByLabelText('dbt selector'), { target: { value: 'bogus:x' } });
    expect((await screen.findByTestId('selection-status')).textContent).toMatch(/bogus/);
    expect(screen.getByLabelText('dbt selector').getAttribute('aria-invalid')).toBe('true');
  });

  it('collapses all groups, undoes with Ctrl+Z, redoes with Ctrl+Shift+Z, and saves the events', async () => {
    await renderJaffle();
    const groupButton = (): HTMLElement => within(screen.getByRole('region', { name: 'Groups' })).getByRole('button', { name: /jaffle_shop/ });
    expect(groupButton().getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(groupButton().getAttribute('aria-expanded')).toBe('false');
    act(() => void fireEvent.keyDown(window, { key: 'z', ctrlKey: true }));
    expect(groupButton().getAttribute('aria-expanded')).toBe('true');
    act(() => void fireEvent.keyDown(window, { key: 'Z', ctrlKey: true, shiftKey: true }));
    expect(groupButton().getAttribute('aria-expanded')).toBe('false');
    const saved = await createLocalCanvasStore(localStorage).load({ tenantId: 't', projectId: 'p', userId: 'u' });
    expect(saved.map((e) => e.action.type)).toEqual(['collapse', 'undo', 'redo']);
  });
});

describe('GraphWorkspace tests off the lineage', () => {
  const tests = [...graph.nodes.values()].filter((n) => isTestKind(n.kind)).map((n) => n.uniqueId);
  const models = graph.nodes.size - tests.length;
  const ordersTests = (graph.children.get(ORDERS) ?? []).filter((c) => tests.includes(c));
  const status = (): string => screen.getByText(/ nodes · .* layout \d+ ms$/).textContent ?? '';
  const drawnNode = (id: string): HTMLElement | null => document.querySelector(`[data-testid="graph-node"][data-unique-id="${id}"]`);
  const badgeOf = (id: string): HTMLElement | null => drawnNode(id)?.querySelector('[data-testid="test-badge"]') ?? null;
  const checkbox = (): HTMLInputElement => screen.getByRole('checkbox', { name: `Show tests (${tests.length})` });

  it('draws no test by default, counts them on the models they test, and shows them with the checkbox (undoable)', async () => {
    await renderJaffle();
    expect(tests.length).toBeGreaterThan(10);
    expect(status()).toMatch(new RegExp(`^${models} nodes · `));
    expect(checkbox().checked).toBe(false);
    expect(document.querySelectorAll('[data-testid="graph-node"]')).toHaveLength(models);
    expect(tests.some((t) => drawnNode(t) !== null)).toBe(false);
    expect(badgeOf(ORDERS)?.textContent).toBe(`✓${ordersTests.length}`);
    expect(badgeOf(ORDERS)?.getAttribute('title')).toBe(`${ordersTests.length} data tests`);
    expect(badgeOf('seed.jaffle_shop.raw_orders')).toBeNull();

    fireEvent.click(checkbox());
    await screen.findByText(new RegExp(`^${graph.nodes.size} nodes · .* layout \\d+ ms$`), {}, { timeout: 10_000 });
    expect(checkbox().checked).toBe(true);
    await waitFor(() => expect(drawnNode(ordersTests[0] as string)).not.toBeNull());
    expect(badgeOf(ORDERS)).toBeNull();

    act(() => void fireEvent.keyDown(window, { key: 'z', ctrlKey: true }));
    await screen.findByText(new RegExp(`^${models} nodes · .* layout \\d+ ms$`), {}, { timeout: 10_000 });
    expect(checkbox().checked).toBe(false);
    await waitFor(() => expect(badgeOf(ORDERS)).not.toBeNull());
    const saved = await createLocalCanvasStore(localStorage).load({ tenantId: 't', projectId: 'p', userId: 'u' });
    // The new layouts are fitted into view: viewport events, not undo steps.
    expect(saved.map((e) => e.action).filter((a) => a.type !== 'viewport')).toEqual([{ type: 'show_tests', show: true }, { type: 'undo' }]);
  });

  it('still selects tests: the list names them and the badge of their model lights up', async () => {
    await renderJaffle();
    const test = ordersTests[0] as string;
    const name = graph.nodes.get(test)?.node.name as string;
    fireEvent.change(screen.getByLabelText('dbt selector'), { target: { value: name } });
    await screen.findByText('1 selected');
    expect(within(screen.getByTestId('selected-nodes')).getAllByRole('button').map((b) => b.textContent)).toEqual([test]);
    expect(drawnNode(ORDERS)?.getAttribute('data-highlight')).toBe('dimmed');
    expect(badgeOf(ORDERS)?.getAttribute('data-selected')).toBe('true');
    expect(badgeOf(ORDERS)?.getAttribute('title')).toBe(`${ordersTests.length} data tests (selected)`);
    expect(badgeOf('model.jaffle_shop.stg_orders')?.getAttribute('data-selected')).toBe('false');
    // Picking the hidden test focuses it through its model: tests stay hidden.
    fireEvent.click(screen.getByRole('button', { name: test }));
    expect(checkbox().checked).toBe(false);
  });

  it('shows tests when a picked test is attached to no drawn node', async () => {
    await renderJaffle();
    const orphan = tests.find((t) => (graph.parents.get(t) ?? []).length === 0) as string;
    expect(orphan).toBeDefined();
    fireEvent.change(screen.getByLabelText('dbt selector'), { target: { value: graph.nodes.get(orphan)?.node.name as string } });
    fireEvent.click(await screen.findByRole('button', { name: orphan }));
    expect(checkbox().checked).toBe(true);
    await screen.findByText(new RegExp(`^${graph.nodes.size} nodes · .* layout \\d+ ms$`), {}, { timeout: 10_000 });
    await waitFor(() => expect(drawnNode(orphan)).not.toBeNull());
  });
});

describe('GraphWorkspace groups with full nodes (include=node)', () => {
  async function renderGraph(g: ReturnType<typeof taggedWorkspace>): Promise<void> {
    await renderWorkspace(g);
    await screen.findByText(/layout \d+ ms/, {}, { timeout: 10_000 });
  }
  /** The group toggles of the Groups section (the buttons with aria-expanded), by label. */
  const groupButtons = (): string[] =>
    within(screen.getByRole('region', { name: 'Groups' })).getAllByRole('button').filter((b) => b.hasAttribute('aria-expanded')).map((b) => b.textContent ?? '').sort();
  const drawn = async (count: number): Promise<void> => {
    await screen.findByText(new RegExp(`^${count} nodes · .* layout \\d+ ms$`), {}, { timeout: 10_000 });
  };

  it('groups by folder and by dbt group, and collapses one into a single drawn node', async () => {
    const full = taggedWorkspace(true);
    const models = [...full.nodes.values()].filter((n) => !isTestKind(n.kind)).length;
    await renderGraph(full);
    // Tests are off the lineage by default.
    await drawn(models);
    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'folder' } });
    expect(groupButtons()).toEqual(['▾ jaffle_shop/models', '▾ jaffle_shop/models/staging', '▾ jaffle_shop/seeds']);
    expect(screen.queryByText(/summaries only/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '▾ jaffle_shop/models/staging' }));
    // The three staging models become one group node.
    await drawn(models - 3 + 1);
    expect(within(await screen.findByTestId('graph-group')).getByText('3 nodes')).toBeTruthy();
    // With tests drawn, the group holds the three staging models and their eight tests.
    fireEvent.click(screen.getByRole('checkbox', { name: /Show tests/ }));
    await drawn(full.nodes.size - 11 + 1);
    await waitFor(() => expect(screen.getByTestId('graph-group').textContent).toContain('11 nodes'));
    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'group' } });
    expect(groupButtons()).toEqual(['▾ (none)', '▾ core', '▾ finance']);
    await drawn(full.nodes.size);
    fireEvent.click(screen.getByRole('button', { name: '▾ core' }));
    await drawn(full.nodes.size - 3 + 1);
  });

  it('says folders and dbt groups are unknown when the API sent summaries only', async () => {
    await renderGraph(taggedWorkspace(false));
    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'folder' } });
    expect(screen.getByText(/summaries only/)).toBeTruthy();
    expect(groupButtons()).toEqual(['▾ jaffle_shop/(none)']);
    fireEvent.change(screen.getByLabelText('dbt selector'), { target: { value: 'tag:nightly' } });
    expect((await screen.findByTestId('selection-status')).textContent).toMatch(/tag:nightly: needs full nodes/);
  });
});

describe('app pieces', () => {
  it('routes paths to views and back', () => {
    expect(parseRoute('/')).toEqual({ view: 'dashboard' });
    expect(parseRoute('/graph')).toEqual({ view: 'graph' });
    expect(parseRoute('/runs/abc')).toEqual({ view: 'run', runId: 'abc' });
    expect(parseRoute('/nope/x/y')).toEqual({ view: 'not_found', path: '/nope/x/y' });
    expect(pathOf({ view: 'run', runId: 'a b' })).toBe('/runs/a%20b');
  });

  it('shows an API problem with its title, status and detail', () => {
    render(<ErrorState error={new ApiError(404, 'Not found', 'no project 42')} />);
    expect(screen.getByRole('alert').textContent).toContain('Not found (404)');
    expect(screen.getByRole('alert').textContent).toContain('no project 42');
  });
});
