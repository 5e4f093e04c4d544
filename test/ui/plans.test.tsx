/**
 * @jest-environment jsdom
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { PlanDetails } from '../../ui/src/views/Plans';
import { formatSeconds } from '../../ui/src/views/runParts';
import { planFixture } from './plansRunsFixtures';

function renderPlan(): void {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <PlanDetails plan={planFixture} projectRef={{ tenantId: 't', projectId: 'p' }} />
    </QueryClientProvider>,
  );
}

describe('the plan view', () => {
  it('shows one row per node with its action, reasons and estimate, in plan order', () => {
    renderPlan();
    const rows = within(screen.getByRole('table', { name: 'Plan nodes' })).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-unique-id'))).toEqual(['seed.jaffle_shop.raw_customers', 'model.jaffle_shop.stg_customers', 'model.jaffle_shop.customers']);
    const [seed, stg, customers] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(seed).getByText('SKIP')).toBeTruthy();
    expect(seed.textContent).toContain('unchanged since the last successful run');
    expect(within(stg).getByText('RUN')).toBeTruthy();
    // An overruled decision is listed and says so.
    expect(within(stg).getByText(/unchanged, but an upstream changed/).textContent).toContain('overruled');
    expect(customers.textContent).toContain('30 s');
    expect(customers.textContent).toContain('history');
    expect(within(customers).getByTitle('median of 3 recent successful runs: 30 s')).toBeTruthy();
  });

  it('shows the totals, the required approvals with the plan hash, and the run button', () => {
    renderPlan();
    expect(screen.getByTestId('total-RUN').textContent).toBe('2');
    expect(screen.getByTestId('total-SKIP').textContent).toBe('1');
    expect(screen.getByTestId('total-PARTIAL').textContent).toBe('0');
    expect(screen.getByTestId('total-makespan').textContent).toBe('42 s');
    expect(screen.getByTestId('total-estimated cost').textContent).toBe('0.12');
    const approvals = screen.getByLabelText('Approvals');
    expect(approvals.textContent).toContain('1 × admin — prod is protected');
    expect(approvals.textContent).toContain('Separation of duties');
    expect(screen.getByTestId('plan-hash').textContent).toBe(planFixture.planHash);
    expect((screen.getByRole('button', { name: 'Run this plan' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('formats durations for people', () => {
    expect([0.25, 4.2, 42, 245, 3720].map(formatSeconds)).toEqual(['250 ms', '4.2 s', '42 s', '4 min 05 s', '1 h 02 min']);
  });
});
