/**
 * @jest-environment jsdom
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { Run } from '../../ui/src/client/client';
import { RunDetailBody, RunLogs } from '../../ui/src/views/RunDetail';
import { RunsTable } from '../../ui/src/views/Runs';
import { FakeEventSource } from './fakeEventSource';
import { awaitingFixture, failedFixture, planFixture } from './plansRunsFixtures';

const projectRef = { tenantId: 't', projectId: 'p' };

function withClient(ui: ReactElement): void {
  render(<QueryClientProvider client={new QueryClient()}>{ui}</QueryClientProvider>);
}


describe('run detail', () => {
  it('shows per-node states in plan order, a timeline bar per started node, and rerun for a failed run', () => {
    withClient(<RunDetailBody detail={failedFixture} plan={planFixture} projectRef={projectRef} />);
    expect(screen.getByTestId('run-status').textContent).toBe('failed');
    const rows = within(screen.getByRole('table', { name: 'Node states' })).getAllByRole('row').slice(1);
    expect(rows.map((r) => [r.getAttribute('data-unique-id'), r.getAttribute('data-state')])).toEqual([
      ['seed.jaffle_shop.raw_customers', 'skipped'],
      ['model.jaffle_shop.stg_customers', 'success'],
      ['model.jaffle_shop.customers', 'failed'],
    ]);
    expect(rows[1]?.textContent).toContain('12 s');
    expect(rows[2]?.textContent).toContain('Binder Error');
    const bars = screen.getAllByTestId('timeline-row');
    expect(bars.map((b) => b.textContent)).toEqual(['stg_customers', 'customers']);
    // customers starts where stg_customers ends: 12 of 18 seconds in.
    const customersBar = bars[1]?.querySelector('[data-testid="timeline-bar"]') as HTMLElement;
    expect(parseFloat(customersBar.style.left)).toBeCloseTo((12 / 18) * 100, 1);
    expect(screen.getByRole('link', { name: /Open in Temporal/ }).getAttribute('href')).toBe(failedFixture.temporalUrl);
    expect(screen.getByRole('button', { name: 'Rerun from failure' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('offers approve and reject with the plan hash, and cancel, while the run awaits approval', () => {
    withClient(<RunDetailBody detail={awaitingFixture} plan={planFixture} projectRef={projectRef} />);
    expect(screen.getByTestId('run-status').textContent).toBe('awaiting approval');
    const approval = screen.getByLabelText('Approval');
    expect(approval.textContent).toContain(awaitingFixture.planHash.slice(0, 12));
    expect(approval.textContent).toContain('0/1 approvals');
    expect(within(approval).getByRole('button', { name: 'Approve' })).toBeTruthy();
    expect(within(approval).getByRole('button', { name: 'Reject' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel run' }));
    expect(screen.getByRole('button', { name: 'Confirm cancel' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Rerun from failure' })).toBeNull();
    const states = within(screen.getByRole('table', { name: 'Node states' })).getAllByRole('row').slice(1).map((r) => r.getAttribute('data-state'));
    expect(states).toEqual(['skipped', 'pending', 'pending']);
    expect(screen.getByLabelText('Timeline').textContent).toBe('No node has started yet.');
  });

  it('streams logs over SSE and filters them by search and node', async () => {
    jest.useFakeTimers();
    Object.assign(globalThis, { EventSource: FakeEventSource });
    try {
      render(<RunLogs projectRef={projectRef} runId="run-1" />);
      const source = FakeEventSource.last as FakeEventSource;
      expect(source.url).toBe('/api/v1/tenants/t/projects/p/runs/run-1/logs');
      act(() => {
        source.emit('open', {});
        source.emit('log', { uniqueId: 'model.jaffle_shop.stg_customers', ts: '2026-11-20T10:01:03Z', level: 'info', msg: 'OK created sql view model main.stg_customers' }, '1');
        source.emit('log', { uniqueId: 'model.jaffle_shop.customers', ts: '2026-11-20T10:01:15Z', level: 'error', msg: 'Binder Error: column x not found' }, '2');
        source.emit('log', { uniqueId: 'model.jaffle_shop.customers', ts: '2026-11-20T10:01:15Z', level: 'info', msg: '   ' }, '3');
        jest.advanceTimersByTime(200);
      });
      expect(screen.getAllByTestId('log-line')).toHaveLength(2);
      fireEvent.change(screen.getByLabelText('Search logs'), { target: { value: 'binder' } });
      expect(screen.getAllByTestId('log-line').map((l) => l.getAttribute('data-unique-id'))).toEqual(['model.jaffle_shop.customers']);
      fireEvent.change(screen.getByLabelText('Search logs'), { target: { value: '' } });
      fireEvent.change(screen.getByLabelText('Log node'), { target: { value: 'model.jaffle_shop.stg_customers' } });
      expect(screen.getAllByTestId('log-line').map((l) => l.textContent)).toEqual([expect.stringContaining('OK created sql view model')]);
      act(() => source.emit('end', { runId: 'run-1', status: 'failed' }));
      expect(screen.getByTestId('log-state').textContent).toContain('run ended');
      expect(source.readyState).toBe(FakeEventSource.CLOSED);
    } finally {
      jest.useRealTimers();
      Reflect.deleteProperty(globalThis, 'EventSource');
    }
  });
});

describe('runs list', () => {
  const base = failedFixture.run;
  const runs: Run[] = [
    { ...base, id: 'older-run-0001', status: 'success', createdAt: '2026-11-19T08:00:00.000Z' },
    { ...base, id: 'newer-run-0002', status: 'running', createdAt: '2026-11-20T08:00:00.000Z', finishedAt: null },
  ];

  it('lists runs newest first with status badges and links', () => {
    render(<RunsTable runs={runs} envName={new Map([['env-prod', 'prod']])} filtered={false} />);
    const rows = within(screen.getByRole('table', { name: 'Runs' })).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-run-id'))).toEqual(['newer-run-0002', 'older-run-0001']);
    expect(rows[0]?.querySelector('[data-status]')?.getAttribute('data-status')).toBe('running');
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'newer-ru' }).getAttribute('href')).toBe('/runs/newer-run-0002');
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'plan-1' }).getAttribute('href')).toBe('/plans/plan-1');
    expect(rows[0]?.textContent).toContain('prod');
  });

  it('says so when nothing matches', () => {
    render(<RunsTable runs={[]} envName={new Map()} filtered />);
    expect(screen.getByText('No runs match the filters')).toBeTruthy();
  });
});
