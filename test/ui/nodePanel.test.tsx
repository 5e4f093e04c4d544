/**
 * @jest-environment ./test/ui/jsdomFetchEnvironment.js
 */
// The fetch stub first: the API client keeps the fetch it finds when it is created.
import { answerWith, requests, type Answer, type Router } from './fetchStub';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Environment, NodeDetail, NodeHistory } from '../../ui/src/client/client';
import { NodePanel } from '../../ui/src/workspace/NodePanel';
import { loadJaffle } from './fixtures';

// The node panel's Recent runs and Est. cost tabs against the API's answers, at the HTTP boundary.

const P = '/api/v1/tenants/t/projects/p';
const ORDERS = 'model.jaffle_shop.orders';
const SOURCE = 'source.jaffle_shop.raw.orders';
const versionRef = { tenantId: 't', projectId: 'p', versionId: 'v' };
const jaffle = loadJaffle();

/** GET …/nodes/{uniqueId}; undefined (a 404) for a node the fixture lacks (its sources: it has none). */
function detailOf(uniqueId: string): NodeDetail | undefined {
  const n = jaffle.graph.get(uniqueId);
  if (!n) return undefined;
  return { uniqueId, nodeUuid: n.nodeUuid, kind: n.kind, name: n.node.name, packageName: n.node.packageName, node: n.node, parents: [...jaffle.graph.parents(uniqueId)], children: [...jaffle.graph.children(uniqueId)] } as NodeDetail;
}

const environments: Environment[] = [
  { id: 'env-prod', tenantId: 't', projectId: 'p', name: 'prod', target: 'prod', settings: { costRatePerHour: 36 }, createdAt: '2026-11-01T00:00:00.000Z' },
  { id: 'env-dev', tenantId: 't', projectId: 'p', name: 'dev', target: 'dev', settings: {}, createdAt: '2026-11-01T00:00:00.000Z' },
];

const execution = (runId: string, status: string, attempt: number, startedAt: string, seconds: number, runStatus: NodeHistory['executions'][number]['runStatus']) => ({
  runId, runStatus, runCreatedAt: startedAt, planId: 'plan-1', environment: { id: 'env-prod', name: 'prod' }, status, attempt, startedAt,
  completedAt: new Date(Date.parse(startedAt) + seconds * 1000).toISOString(), executionTime: seconds, message: status === 'failed' ? 'Database Error: relation missing' : 'OK',
});

function historyOf(uniqueId: string, environmentId: string | null): NodeHistory {
  const base = { uniqueId, kind: uniqueId.startsWith('source.') ? 'source' : 'model', name: uniqueId.split('.').pop() ?? uniqueId, versionId: 'v', environmentId } as const;
  if (environmentId === 'env-prod' && uniqueId === ORDERS) {
    return {
      ...base,
      executions: [
        execution('run-3', 'success', 1, '2026-11-22T08:00:01.000Z', 12, 'success'),
        execution('run-2', 'failed', 2, '2026-11-21T08:00:05.000Z', 3.5, 'failed'),
        execution('run-2', 'failed', 1, '2026-11-21T08:00:01.000Z', 3, 'failed'),
      ],
      estimate: { seconds: 20, cost: 0.2, basis: 'history', detail: 'median of 2 recent successful run(s) in this environment: 12 s, 28 s', costRatePerHour: 36, environment: { id: 'env-prod', name: 'prod' }, versionId: 'v' },
    };
  }
  const estimate = environmentId === null || uniqueId === SOURCE
    ? null
    : { seconds: 60, cost: 0, basis: 'default' as const, detail: 'no history, run_results timing or catalog statistics: environment default 60 s', costRatePerHour: 0, environment: { id: 'env-dev', name: 'dev' }, versionId: 'v' };
  return { ...base, executions: [], estimate };
}

function api(history: (uniqueId: string, environmentId: string | null) => Answer = (id, env) => ({ body: historyOf(id, env) })): Router {
  return ({ path, query }) => {
    if (path === `${P}/environments`) return { body: environments };
    const node = /^\/api\/v1\/tenants\/t\/projects\/p\/versions\/v\/nodes\/([^/]+)$/.exec(path);
    if (node) {
      const detail = detailOf(decodeURIComponent(node[1] as string));
      return detail ? { body: detail } : undefined;
    }
    const hist = /^\/api\/v1\/tenants\/t\/projects\/p\/nodes\/([^/]+)\/history$/.exec(path);
    if (hist) return history(decodeURIComponent(hist[1] as string), query.get('environmentId'));
    return undefined;
  };
}

function renderPanel(uniqueId: string = ORDERS): void {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <NodePanel versionRef={versionRef} uniqueId={uniqueId} onClose={() => undefined} onOpenNode={() => undefined} />
    </QueryClientProvider>,
  );
}

const historyRequests = (): URL[] => requests.filter((r) => r.includes('/history')).map((r) => new URL(r.split(' ')[1] as string, 'http://localhost'));

describe('node panel: recent runs and estimated cost', () => {
  it('lists the node\'s recent runs in the first environment with status, duration, time and a link to the run, and the estimate', async () => {
    answerWith(api());
    renderPanel();
    await screen.findByRole('heading', { name: 'orders' });
    // Nothing about runs is asked for until the tab opens.
    expect(historyRequests()).toEqual([]);
    fireEvent.click(screen.getByRole('tab', { name: 'Recent runs' }));
    const table = await screen.findByRole('table', { name: 'Recent runs of the node' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => [r.getAttribute('data-run-id'), r.getAttribute('data-status')])).toEqual([['run-3', 'success'], ['run-2', 'failed'], ['run-2', 'failed']]);
    expect(rows[0]?.textContent).toContain('12 s');
    expect(rows[0]?.textContent).toContain('2026-11-22 08:00:01');
    expect(rows[1]?.textContent).toContain('attempt 2');
    expect(rows[1]?.textContent).toContain('3.5 s');
    expect(rows[1]?.getAttribute('title')).toBe('Database Error: relation missing');
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'run-3' }).getAttribute('href')).toBe('/runs/run-3');
    const line = screen.getByTestId('estimate-line');
    expect(line.textContent).toMatch(/Estimated cost\s+20 s · 0\.20 · history in prod/);
    expect(line.getAttribute('title')).toContain('median of 2 recent successful run(s)');
    const [asked] = historyRequests();
    expect(asked?.pathname).toBe(`${P}/nodes/${ORDERS}/history`);
    expect(Object.fromEntries(asked?.searchParams ?? [])).toEqual({ environmentId: 'env-prod', versionId: 'v', limit: '20' });
  });

  it('follows the environment picker: empty state in another environment, no estimate across all environments', async () => {
    answerWith(api());
    renderPanel();
    fireEvent.click(screen.getByRole('tab', { name: 'Recent runs' }));
    await screen.findByRole('table', { name: 'Recent runs of the node' });
    fireEvent.change(screen.getByLabelText('Environment'), { target: { value: 'env-dev' } });
    await screen.findByText('No runs yet');
    expect(screen.getByText(/has not run in this environment yet/)).toBeTruthy();
    expect(screen.getByTestId('estimate-line').textContent).toContain('default');
    fireEvent.change(screen.getByLabelText('Environment'), { target: { value: '*' } });
    await screen.findByText('Pick an environment to estimate this node.');
    expect(historyRequests().map((u) => u.searchParams.get('environmentId'))).toEqual(['env-prod', 'env-dev', null]);
  });

  it('shows the estimate with its basis, rate and how it was obtained on the Est. cost tab', async () => {
    answerWith(api());
    renderPanel();
    fireEvent.click(screen.getByRole('tab', { name: 'Est. cost' }));
    const estimate = await screen.findByLabelText('Estimate');
    expect(estimate.textContent).toContain('20 s');
    expect(estimate.textContent).toContain('at 36/h');
    expect(estimate.textContent).toContain('history');
    expect(estimate.textContent).toContain('median of 2 recent successful run(s) in this environment: 12 s, 28 s');
    expect(estimate.textContent).toContain('prod');
  });

  it('says why a source has no estimate', async () => {
    answerWith(api());
    renderPanel(SOURCE);
    fireEvent.click(screen.getByRole('tab', { name: 'Est. cost' }));
    await screen.findByText('A plan never runs a source: no estimate.');
  });

  it('shows the API\'s problem and retries on request', async () => {
    let fail = true;
    answerWith(api((id, env) => (fail ? { status: 500, body: { type: 'https://sluice.dev/problems/internal', title: 'Internal error', status: 500, detail: 'boom' } } : { body: historyOf(id, env) })));
    renderPanel();
    fireEvent.click(screen.getByRole('tab', { name: 'Recent runs' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Internal error (500)');
    expect(alert.textContent).toContain('boom');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByRole('table', { name: 'Recent runs of the node' })).toBeTruthy());
  });
});
