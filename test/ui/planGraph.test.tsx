/**
 * @jest-environment ./test/ui/jsdomFetchEnvironment.js
 */
// The fetch stub first: the API client keeps the fetch it finds when it is created.
import { answerWith, requests, type Router } from './fetchStub';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { GraphPage, RunDetail } from '../../ui/src/client/client';
import { createAsyncLayout } from '../../ui/src/graph/asyncLayout';
import { PlanDetails } from '../../ui/src/views/Plans';
import { RunDetailView } from '../../ui/src/views/RunDetail';
import { LayoutServiceContext } from '../../ui/src/workspace/layoutContext';
import { FakeEventSource } from './fakeEventSource';
import './jsdomShims';
import { failedFixture, planFixture } from './plansRunsFixtures';



const P = '/api/v1/tenants/t/projects/p';
const SEED = 'seed.jaffle_shop.raw_customers';
const STG = 'model.jaffle_shop.stg_customers';
const CUSTOMERS = 'model.jaffle_shop.customers';
const STG_ORDERS = 'model.jaffle_shop.stg_orders';
const TEST = 'test.jaffle_shop.not_null_customers_customer_id';

// Version v1's graph page: the plan's three nodes, stg_orders upstream of customers and a test downstream.
const summary = (uniqueId: string) => ({
  uniqueId, nodeUuid: `uuid-${uniqueId}`, kind: uniqueId.split('.')[0] as 'seed' | 'model' | 'test', name: uniqueId.split('.').pop() as string, packageName: 'jaffle_shop',
});
const graphPage: GraphPage = {
  nodes: [SEED, STG, CUSTOMERS, STG_ORDERS, TEST].map(summary),
  edges: [{ from: SEED, to: STG }, { from: STG, to: CUSTOMERS }, { from: STG_ORDERS, to: CUSTOMERS }, { from: CUSTOMERS, to: TEST }],
  next: null,
};

/** The fixture run while customers runs (the workflow answers its status query). */
const nodeView = (state: 'success' | 'running' | 'pending' | 'skipped', attempt: number) => ({ state, attempt, startedAt: null, completedAt: null, errorType: null, message: null });
const runningFixture: RunDetail = {
  ...failedFixture,
  run: { ...failedFixture.run, status: 'running', finishedAt: null },
  nodes: failedFixture.nodes.slice(0, 1),
  live: {
    runId: 'run-1', workflowId: 'run/p/run-1', planId: 'plan-1', planHash: failedFixture.planHash, lifecycle: 'running', reason: null, timings: {}, total: 3,
    counts: { running: 1, success: 1, warning: 0, failed: 0, pending: 0, skipped: 1, upstream_failed: 0, not_run: 0, interrupted: 0 },
    nodes: { [SEED]: nodeView('skipped', 0), [STG]: nodeView('success', 1), [CUSTOMERS]: nodeView('running', 1) },
    approvals: { ignored: [], rejectedBy: null, approvedBy: [], requiredCount: 1, required: true },
    chunks: [],
  },
};

/** The API: scope lists, the plan, the run (whatever `run()` says now) and v1's graph. */
function api(run: () => RunDetail): Router {
  return ({ path }) => {
    if (path === '/api/v1/tenants') return { body: [{ id: 't', slug: 't', name: 'Tenant', createdAt: '2026-11-01T00:00:00.000Z' }] };
    if (path === '/api/v1/tenants/t/projects') return { body: [{ id: 'p', tenantId: 't', orgId: 'o', slug: 'jaffle', name: 'Jaffle', createdAt: '2026-11-01T00:00:00.000Z' }] };
    if (path === `${P}/versions`) {
      return { body: [{ id: 'v1', tenantId: 't', projectId: 'p', contentSha256: 'a'.repeat(64), gitSha: null, dbtVersion: '1.10.0', manifestSchema: 'v12', nodeCount: 5, edgeCount: 4, files: [], createdAt: '2026-11-20T09:00:00.000Z' }] };
    }
    if (path === `${P}/versions/v1/graph`) return { body: graphPage };
    if (path === `${P}/plans/plan-1`) return { body: planFixture };
    if (path === `${P}/runs/run-1`) return { body: run() };
    return undefined;
  };
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

const graphNodes = (testId: string): HTMLElement[] => within(screen.getByTestId(testId)).queryAllByTestId('overlay-node');
const attrs = (testId: string, attr: string): Record<string, string | null> =>
  Object.fromEntries(graphNodes(testId).map((n) => [n.getAttribute('data-unique-id') ?? '', n.getAttribute(attr)]));
const nodeIn = (testId: string, id: string): HTMLElement => graphNodes(testId).find((n) => n.getAttribute('data-unique-id') === id) as HTMLElement;
const legend = (key: string): string | null => screen.getByTestId(`overlay-legend-${key}`).getAttribute('data-count');

async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

beforeEach(() => localStorage.clear());

describe('the plan on the graph', () => {
  async function renderPlan(): Promise<void> {
    answerWith(api(() => failedFixture));
    renderWithServices(<PlanDetails plan={planFixture} projectRef={{ tenantId: 't', projectId: 'p' }} />);
    await within(await screen.findByTestId('plan-graph')).findAllByTestId('overlay-node', {}, { timeout: 10_000 });
    await settle();
  }

  it('colours the plan\'s nodes by action from the plan\'s version graph, with reasons and estimates, and counts them', async () => {
    await renderPlan();
    expect(requests).toContain(`GET ${P}/versions/v1/graph?include=node`);
    expect(attrs('plan-graph', 'data-action')).toEqual({ [CUSTOMERS]: 'RUN', [STG]: 'RUN', [SEED]: 'SKIP' });
    expect(nodeIn('plan-graph', SEED).className).toContain('om-SKIP');
    expect(nodeIn('plan-graph', CUSTOMERS).className).toContain('om-RUN');
    expect(nodeIn('plan-graph', SEED).getAttribute('title')).toContain('unchanged since the last successful run (skip_if_no_change)');
    expect(nodeIn('plan-graph', CUSTOMERS).getAttribute('title')).toContain('estimate 30 s (median of 3 recent successful runs: 30 s)');
    expect(nodeIn('plan-graph', CUSTOMERS).textContent).toContain('30 s');
    expect([legend('RUN'), legend('PARTIAL'), legend('SKIP')]).toEqual(['2', '0', '1']);
    // The table is still there, below the graph.
    expect(within(screen.getByRole('table', { name: 'Plan nodes' })).getAllByRole('row')).toHaveLength(4);
  });

  it('highlights the clicked node\'s row in the table, and adds the muted neighbours "with context"', async () => {
    await renderPlan();
    fireEvent.click(nodeIn('plan-graph', STG));
    const row = screen.getByRole('table', { name: 'Plan nodes' }).querySelector(`[data-unique-id="${STG}"]`) as HTMLElement;
    expect(row.getAttribute('data-selected')).toBe('true');
    expect(row.className).toBe('current');
    expect(nodeIn('plan-graph', STG).getAttribute('data-selected')).toBe('true');

    const toggle = screen.getByRole('checkbox', { name: /With context \(2\)/ });
    fireEvent.click(toggle);
    await waitFor(() => expect(graphNodes('plan-graph')).toHaveLength(5));
    expect(attrs('plan-graph', 'data-role')).toMatchObject({ [STG_ORDERS]: 'context', [TEST]: 'context', [CUSTOMERS]: 'planned' });
    expect(nodeIn('plan-graph', TEST).getAttribute('data-action')).toBeNull();
    expect(legend('context')).toBe('2');
    // A context node is not in the plan: clicking it selects nothing.
    fireEvent.click(nodeIn('plan-graph', TEST));
    expect(row.getAttribute('data-selected')).toBe('true');
  });

  it('switches between the graph, the table and both', async () => {
    await renderPlan();
    fireEvent.click(screen.getByRole('button', { name: 'Table' }));
    expect(screen.queryByTestId('plan-graph')).toBeNull();
    expect(screen.getByRole('table', { name: 'Plan nodes' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Graph' }));
    expect(screen.queryByRole('table', { name: 'Plan nodes' })).toBeNull();
    await within(screen.getByTestId('plan-graph')).findAllByTestId('overlay-node');
    expect(screen.getByRole('button', { name: 'Graph' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('shows the API\'s problem when the version graph cannot be read', async () => {
    answerWith(({ path }) => (path.endsWith('/graph') ? { status: 500, body: { type: 'about:blank', title: 'Internal error', status: 500, detail: 'boom' } } : undefined));
    renderWithServices(<PlanDetails plan={planFixture} projectRef={{ tenantId: 't', projectId: 'p' }} />);
    const alert = await within(screen.getByTestId('plan-graph')).findByRole('alert');
    expect(alert.textContent).toContain('Internal error (500)');
  });
});

describe('the run on the graph', () => {
  beforeEach(() => Object.assign(globalThis, { EventSource: FakeEventSource }));
  afterEach(() => Reflect.deleteProperty(globalThis, 'EventSource'));

  it('shows live node states, updates them as the run is polled, and puts the error of a failed node on hover', async () => {
    let now = runningFixture;
    answerWith(api(() => now));
    renderWithServices(<RunDetailView runId="run-1" />);
    await within(await screen.findByTestId('run-graph', {}, { timeout: 10_000 })).findAllByTestId('overlay-node', {}, { timeout: 10_000 });
    expect(attrs('run-graph', 'data-status')).toEqual({ [CUSTOMERS]: 'running', [STG]: 'success', [SEED]: 'skipped' });
    expect(nodeIn('run-graph', CUSTOMERS).className).toContain('om-running');
    expect([legend('running'), legend('success'), legend('skipped'), legend('failed')]).toEqual(['1', '1', '1', '0']);

    now = failedFixture;
    await waitFor(() => expect(nodeIn('run-graph', CUSTOMERS).getAttribute('data-status')).toBe('failed'), { timeout: 5_000 });
    expect(nodeIn('run-graph', CUSTOMERS).className).toContain('om-failed');
    expect(nodeIn('run-graph', CUSTOMERS).getAttribute('title')).toContain('Binder Error: column x not found');
    expect([legend('running'), legend('failed')]).toEqual(['0', '1']);
  });

  it('filters the logs to the clicked node and highlights its row', async () => {
    answerWith(api(() => failedFixture));
    renderWithServices(<RunDetailView runId="run-1" />);
    await within(await screen.findByTestId('run-graph', {}, { timeout: 10_000 })).findAllByTestId('overlay-node', {}, { timeout: 10_000 });
    const source = FakeEventSource.last as FakeEventSource;
    act(() => {
      source.emit('open', {});
      source.emit('log', { uniqueId: STG, ts: '2026-11-20T10:01:03Z', level: 'info', msg: 'OK created sql view model main.stg_customers' }, '1');
      source.emit('log', { uniqueId: CUSTOMERS, ts: '2026-11-20T10:01:15Z', level: 'error', msg: 'Binder Error: column x not found' }, '2');
    });
    await waitFor(() => expect(screen.getAllByTestId('log-line')).toHaveLength(2));

    fireEvent.click(nodeIn('run-graph', CUSTOMERS));
    expect((screen.getByLabelText('Log node') as HTMLSelectElement).value).toBe(CUSTOMERS);
    expect(screen.getAllByTestId('log-line').map((l) => l.getAttribute('data-unique-id'))).toEqual([CUSTOMERS]);
    const row = screen.getByRole('table', { name: 'Node states' }).querySelector(`[data-unique-id="${CUSTOMERS}"]`) as HTMLElement;
    expect(row.getAttribute('data-selected')).toBe('true');
    expect(nodeIn('run-graph', CUSTOMERS).getAttribute('data-selected')).toBe('true');

    // The logs' own filter moves the selection too; "all nodes" clears it.
    fireEvent.change(screen.getByLabelText('Log node'), { target: { value: STG } });
    expect(nodeIn('run-graph', STG).getAttribute('data-selected')).toBe('true');
    fireEvent.change(screen.getByLabelText('Log node'), { target: { value: '' } });
    expect(screen.getAllByTestId('log-line')).toHaveLength(2);
    expect(graphNodes('run-graph').some((n) => n.getAttribute('data-selected') === 'true')).toBe(false);

    // Clicking the selected node again clears the filter.
    fireEvent.click(nodeIn('run-graph', SEED));
    fireEvent.click(nodeIn('run-graph', SEED));
    expect((screen.getByLabelText('Log node') as HTMLSelectElement).value).toBe('');
  });
});
