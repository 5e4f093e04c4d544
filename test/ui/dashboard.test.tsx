/**
 * @jest-environment ./test/ui/jsdomFetchEnvironment.js
 */
// The fetch stub first: the API client keeps the fetch it finds when it is created.
import { answerWith, requests, type Answer, type Router } from './fetchStub';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useCurrent } from '../../ui/src/app/useCurrent';
import { compactSeconds, niceDurationScale, niceScale } from '../../ui/src/dashboard/scale';
import { Dashboard } from '../../ui/src/views/Dashboard';
import { emptyTrends, environments, project, recentRuns, tenant, trendsFixture, version, waitingRun } from './dashboardFixtures';

const P = '/api/v1/tenants/t/projects/p';

/** The API as the dashboard sees it; `trends` decides the run-trends answer. */
function api(trends: (days: number, environmentId: string | null) => Answer | Promise<Answer>): Router {
  return ({ path, query }) => {
    const env = query.get('environmentId');
    const inEnv = <T extends { environmentId: string }>(xs: T[]): T[] => xs.filter((x) => env === null || x.environmentId === env);
    switch (path) {
      case '/api/v1/tenants':
        return { body: [tenant] };
      case '/api/v1/tenants/t/projects':
        return { body: [project] };
      case `${P}/versions`:
        return { body: [version] };
      case `${P}/environments`:
        return { body: environments };
      case `${P}/run-trends`:
        return trends(Number(query.get('days') ?? 30), env);
      case `${P}/runs`:
        return { body: query.get('status') === 'awaiting_approval' ? inEnv([waitingRun]) : inEnv(recentRuns) };
      default:
        return undefined;
    }
  };
}

function Harness() {
  return <Dashboard current={useCurrent()} />;
}

function renderDashboard(): void {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <Harness />
    </QueryClientProvider>,
  );
}

const cardValue = (testId: string): string => screen.getByTestId(testId).querySelector('.card-value')?.textContent ?? '';

describe('the dashboard', () => {
  it('shows the version cards, the window cards, the runs awaiting approval and the recent runs, linked to Run Detail', async () => {
    answerWith(api((days, env) => ({ body: trendsFixture(days, env) })));
    renderDashboard();
    await screen.findByTestId('card-success-rate');
    expect(screen.getByRole('heading', { name: 'Jaffle Shop' })).toBeTruthy();
    expect(screen.getByText('42')).toBeTruthy(); // the version's node count card is kept
    expect(cardValue('card-success-rate')).toBe('75%');
    expect(screen.getByTestId('card-success-rate').textContent).toContain('3 of 4 succeeded');
    expect(cardValue('card-runs')).toBe('6');
    expect(screen.getByTestId('card-runs').textContent).toContain('1 failed · 1 canceled · 1 in progress');
    expect(cardValue('card-p50')).toBe('1 min 00 s');
    expect(screen.getByTestId('card-p50').textContent).toContain('p95 5 min 00 s');
    expect(cardValue('card-cost')).toBe('2.00');
    expect(screen.getByTestId('card-cost').textContent).toContain('estimated 1.60');
    expect(cardValue('card-awaiting')).toBe('1');

    const waiting = await screen.findByRole('list', { name: 'Runs awaiting approval' });
    const items = within(waiting).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-run-id'))).toEqual(['run-wait-0003']);
    expect(within(items[0] as HTMLElement).getByRole('link').getAttribute('href')).toBe('/runs/run-wait-0003');
    expect(items[0]?.textContent).toContain('prod');

    const recent = await screen.findByRole('table', { name: 'Recent runs' });
    const rows = within(recent).getAllByRole('row').slice(1);
    // Newest first, whatever order the API used.
    expect(rows.map((r) => r.getAttribute('data-run-id'))).toEqual(['run-wait-0003', 'run-fail-0002', 'run-ok-0001']);
    expect(rows.map((r) => r.querySelector('[data-status]')?.getAttribute('data-status'))).toEqual(['awaiting_approval', 'failed', 'success']);
    expect(within(rows[1] as HTMLElement).getByRole('link', { name: 'run-fail' }).getAttribute('href')).toBe('/runs/run-fail-0002');
    expect(rows[1]?.textContent).toContain('dev');
    expect(rows[1]?.textContent).toContain('2 min 00 s');
    expect(rows[0]?.textContent).toContain('not started');
    expect(requests).toContain(`GET ${P}/run-trends?days=30`);
  });

  it('draws the three charts: outcomes stacked per day, p50/p95 points, estimated and actual cost side by side', async () => {
    answerWith(api((days, env) => ({ body: trendsFixture(days, env) })));
    renderDashboard();
    fireEvent.click(await screen.findByRole('button', { name: '7 days' }));
    await waitFor(() => expect(screen.getByTestId('chart-runs').querySelectorAll('[data-testid="chart-day-label"]')).toHaveLength(7));

    const runs = screen.getByRole('img', { name: /^Runs per day over the last 7 days: 6 runs, 2 succeeded, 1 with warnings, 1 failed, 1 canceled, 1 in progress/ });
    const labels = [...screen.getByTestId('chart-runs').querySelectorAll('[data-testid="chart-day-label"]')].map((l) => l.textContent);
    expect(labels).toEqual(['11-17', '11-18', '11-19', '11-20', '11-21', '11-22', '11-23']);
    const today = runs.querySelector('[data-day="2026-11-23"]') as SVGGElement;
    const segments = [...today.querySelectorAll('rect')];
    expect(segments.map((r) => [r.getAttribute('data-series'), r.getAttribute('data-value')])).toEqual([['succeeded', '1'], ['failed', '1'], ['inProgress', '1']]);
    expect(segments.map((r) => r.querySelector('title')?.textContent)).toEqual(['2026-11-23 · succeeded: 1', '2026-11-23 · failed: 1', '2026-11-23 · in progress: 1']);
    // Stacked: equal values, equal heights, each segment on top of the previous one; coloured by outcome.
    const heights = segments.map((r) => Number(r.getAttribute('height')));
    expect(new Set(heights.map((h) => h.toFixed(3))).size).toBe(1);
    expect(Number(segments[1]?.getAttribute('y')) + heights[1]!).toBeCloseTo(Number(segments[0]?.getAttribute('y')), 6);
    expect(segments.map((r) => r.getAttribute('class'))).toEqual(['chart-bar tone-ok', 'chart-bar tone-danger', 'chart-bar tone-accent']);
    expect(runs.querySelector('[data-day="2026-11-20"]')?.querySelectorAll('rect')).toHaveLength(0);

    const duration = screen.getByRole('img', { name: /^Run wall duration per day over the last 7 days: p50 1 min 00 s, p95 5 min 00 s .*slowest day's p95 was 5 min 00 s on 2026-11-17/ });
    const p95 = [...duration.querySelectorAll('[data-series="p95"] circle')];
    expect(p95.map((c) => [c.getAttribute('data-day'), c.getAttribute('data-value')])).toEqual([['2026-11-17', '300'], ['2026-11-22', '30'], ['2026-11-23', '120']]);
    expect(p95[2]?.querySelector('title')?.textContent).toBe('2026-11-23 · p95: 2m');
    // 11-22 and 11-23 are consecutive: one segment; 11-17 stands alone (days without runs break the line).
    expect(duration.querySelectorAll('[data-series="p95"] polyline')).toHaveLength(1);

    const cost = screen.getByRole('img', { name: 'Cost per day over the last 7 days: actual 2.00 against an estimated 1.60.' });
    const costToday = [...(cost.querySelector('[data-day="2026-11-23"]') as SVGGElement).querySelectorAll('rect')];
    expect(costToday.map((r) => r.querySelector('title')?.textContent)).toEqual(['2026-11-23 · estimated: 1.00', '2026-11-23 · actual: 0.90']);
    // Grouped: side by side, the actual bar shorter than the estimate.
    expect(Number(costToday[1]?.getAttribute('x'))).toBeGreaterThan(Number(costToday[0]?.getAttribute('x')));
    expect(Number(costToday[1]?.getAttribute('height'))).toBeLessThan(Number(costToday[0]?.getAttribute('height')));
    expect(within(screen.getByTestId('chart-cost')).getByText('estimated')).toBeTruthy();
  });

  it('asks the API again for another window and environment, for the trends and both run lists', async () => {
    answerWith(api((days, env) => ({ body: trendsFixture(days, env) })));
    renderDashboard();
    await screen.findByTestId('card-success-rate');
    fireEvent.click(screen.getByRole('button', { name: '90 days' }));
    await waitFor(() => expect(requests).toContain(`GET ${P}/run-trends?days=90`));
    expect(screen.getByRole('button', { name: '90 days' }).getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(screen.getByTestId('chart-runs').querySelectorAll('[data-day]')).toHaveLength(90));

    fireEvent.change(screen.getByLabelText('Environment filter'), { target: { value: 'env-dev' } });
    await waitFor(() => expect(cardValue('card-runs')).toBe('1'));
    expect(requests).toContain(`GET ${P}/run-trends?days=90&environmentId=env-dev`);
    expect(requests).toContain(`GET ${P}/runs?environmentId=env-dev&status=awaiting_approval&limit=20`);
    expect(requests).toContain(`GET ${P}/runs?environmentId=env-dev&limit=10`);
    expect(await screen.findByTestId('awaiting-empty')).toBeTruthy();
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Recent runs' })).getAllByRole('row')).toHaveLength(2));
  });

  it('shows an empty state instead of cards and charts when the window has no runs', async () => {
    answerWith(api((days) => ({ body: emptyTrends(days) })));
    renderDashboard();
    expect(await screen.findByRole('heading', { name: 'No runs in the last 30 days' })).toBeTruthy();
    expect(screen.queryByTestId('card-success-rate')).toBeNull();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByRole('link', { name: 'Plans' }).getAttribute('href')).toBe('/plans');
  });

  it('shows loading while the trends are on their way, then the API problem with a retry', async () => {
    let fail: (a: Answer) => void = () => undefined;
    answerWith(api(() => new Promise<Answer>((resolve) => (fail = resolve))));
    renderDashboard();
    expect(await screen.findByText('Loading run trends…')).toBeTruthy();
    fail({ status: 500, body: { type: 'https://sluice.dev/problems/internal', title: 'Internal error', status: 500, detail: 'an unexpected error occurred; see the server log' } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Internal error (500)');
    expect(alert.textContent).toContain('an unexpected error occurred');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

describe('chart scales', () => {
  it('rounds the axis up to 1, 2, 2.5 or 5 × 10^k, whole steps for counts', () => {
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceScale(3, { integer: true })).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(niceScale(7, { integer: true })).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(300)).toEqual({ max: 300, ticks: [0, 100, 200, 300] });
    expect(niceScale(310)).toEqual({ max: 400, ticks: [0, 100, 200, 300, 400] });
    expect(niceScale(0.9)).toEqual({ max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] });
  });

  it('steps a duration axis in seconds, minutes and hours people read', () => {
    expect(niceDurationScale(610)).toEqual({ max: 900, ticks: [0, 300, 600, 900] });
    expect(niceDurationScale(45)).toEqual({ max: 45, ticks: [0, 15, 30, 45] });
    expect(niceDurationScale(3 * 3600 + 1)).toEqual({ max: 14_400, ticks: [0, 3600, 7200, 10_800, 14_400] });
    expect([0, 45, 600, 5400].map(compactSeconds)).toEqual(['0s', '45s', '10m', '1.5h']);
  });
});
