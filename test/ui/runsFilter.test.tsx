/**
 * @jest-environment ./test/ui/jsdomFetchEnvironment.js
 */
// The fetch stub first: the API client keeps the fetch it finds when it is created.
import { answerWith, requests } from './fetchStub';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useScope } from '../../ui/src/app/scope';
import { RunsView } from '../../ui/src/views/Runs';
import { runWindowBounds } from '../../ui/src/views/runWindow';
import { project, tenant } from './dashboardFixtures';

const P = '/api/v1/tenants/t/projects/p';
const NOW = Date.parse('2026-11-23T12:00:00.000Z');

describe('runWindowBounds', () => {
  it('turns a preset into createdAfter, a range into both bounds, and refuses a reversed range', () => {
    expect(runWindowBounds('any', NOW)).toEqual({});
    expect(runWindowBounds('24h', NOW)).toEqual({ createdAfter: '2026-11-22T12:00:00.000Z' });
    expect(runWindowBounds('7d', NOW)).toEqual({ createdAfter: '2026-11-16T12:00:00.000Z' });
    expect(runWindowBounds('30d', NOW)).toEqual({ createdAfter: '2026-10-24T12:00:00.000Z' });
    const from = '2026-11-20T08:00';
    const to = '2026-11-21T08:00';
    expect(runWindowBounds('range', NOW, from, to)).toEqual({ createdAfter: new Date(from).toISOString(), createdBefore: new Date(to).toISOString() });
    expect(runWindowBounds('range', NOW, '', to)).toEqual({ createdBefore: new Date(to).toISOString() });
    expect(runWindowBounds('range', NOW, to, from)).toEqual({ error: 'The start must be before the end' });
    expect(runWindowBounds('range', NOW, 'nonsense')).toEqual({ error: 'Not a date and time' });
  });
});

describe('the runs list time filter', () => {
  beforeEach(() => {
    localStorage.clear();
    window.history.pushState(null, '', '/runs');
    useScope.setState({ tenantId: 't', projectId: 'p', versionId: null });
    answerWith(({ path }) => {
      if (path === '/api/v1/tenants') return { body: [tenant] };
      if (path === '/api/v1/tenants/t/projects') return { body: [project] };
      if (path === `${P}/versions` || path === `${P}/environments` || path === `${P}/runs`) return { body: [] };
      return undefined;
    });
  });

  const runsRequests = (): URLSearchParams[] => requests.filter((r) => r.startsWith(`GET ${P}/runs`)).map((r) => new URL(`http://x${r.slice(4)}`).searchParams);

  it('asks the API for runs created in the window, and asks nothing while a range is reversed', async () => {
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <RunsView />
      </QueryClientProvider>,
    );
    await screen.findByText('No runs yet');
    expect(runsRequests().at(-1)?.has('createdAfter')).toBe(false);

    const before = Date.now();
    fireEvent.change(screen.getByLabelText('Time filter'), { target: { value: '24h' } });
    await waitFor(() => expect(runsRequests().at(-1)?.has('createdAfter')).toBe(true));
    const after = Date.parse(runsRequests().at(-1)?.get('createdAfter') ?? '');
    expect(after).toBeGreaterThanOrEqual(before - 24 * 3_600_000);
    expect(after).toBeLessThanOrEqual(Date.now() - 24 * 3_600_000);
    await screen.findByText('No runs match the filters');

    fireEvent.change(screen.getByLabelText('Time filter'), { target: { value: 'range' } });
    const asked = runsRequests().length;
    fireEvent.change(screen.getByLabelText('Created from'), { target: { value: '2026-11-21T08:00' } });
    fireEvent.change(screen.getByLabelText('Created until'), { target: { value: '2026-11-20T08:00' } });
    expect((await screen.findByRole('alert')).textContent).toBe('The start must be before the end');
    fireEvent.change(screen.getByLabelText('Created until'), { target: { value: '2026-11-22T08:00' } });
    await waitFor(() => expect(runsRequests().at(-1)?.get('createdBefore')).toBe(new Date('2026-11-22T08:00').toISOString()));
    expect(runsRequests().slice(asked).every((q) => q.get('createdAfter') === null || q.get('createdAfter') === new Date('2026-11-21T08:00').toISOString())).toBe(true);
    expect(runsRequests().at(-1)?.get('createdAfter')).toBe(new Date('2026-11-21T08:00').toISOString());
    // The reversed range never reached the API.
    expect(runsRequests().some((q) => q.get('createdBefore') === new Date('2026-11-20T08:00').toISOString())).toBe(false);
  });
});
