/**
 * @jest-environment ./test/ui/jsdomFetchEnvironment.js
 */
// The fetch stub first: the API client keeps the fetch it finds when it is created.
import { answerWith, requests, type Answer, type Router } from './fetchStub';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { parseRoute, pathOf, useRoute } from '../../ui/src/app/router';
import { useScope } from '../../ui/src/app/scope';
import { useCurrent } from '../../ui/src/app/useCurrent';
import type { ProjectVersion } from '../../ui/src/client/client';
import { Artifacts } from '../../ui/src/views/Artifacts';
import { Diff } from '../../ui/src/views/Diff';
import { project, tenant } from './dashboardFixtures';

const P = '/api/v1/tenants/t/projects/p';
const V1 = '11111111-1111-4111-8111-111111111111';
const V2 = '22222222-2222-4222-8222-222222222222';
const V3 = '33333333-3333-4333-8333-333333333333';
const sha = (c: string): string => c.repeat(64);

const version = (id: string, createdAt: string, files: ProjectVersion['files']): ProjectVersion => ({
  id, tenantId: 't', projectId: 'p', contentSha256: sha('c'), gitSha: null, dbtVersion: '1.10.0',
  manifestSchema: 'manifest/v12', nodeCount: 36, edgeCount: 40, files, createdAt,
});
// Newest first, as the API lists them.
const versions: ProjectVersion[] = [
  version(V3, '2026-11-23T09:00:00.000Z', [{ kind: 'manifest', sha256: sha('3'), size: 2_500_000 }, { kind: 'run_results', sha256: sha('4'), size: 900 }]),
  version(V2, '2026-11-22T09:00:00.000Z', [{ kind: 'manifest', sha256: sha('a'), size: 431_104 }, { kind: 'catalog', sha256: sha('b'), size: 20_480 }]),
  version(V1, '2026-11-21T09:00:00.000Z', [{ kind: 'manifest', sha256: sha('1'), size: 400_000 }]),
];

function api(answerVersions: () => Answer | Promise<Answer>): Router {
  return ({ path }) => {
    if (path === '/api/v1/tenants') return { body: [tenant] };
    if (path === '/api/v1/tenants/t/projects') return { body: [project] };
    if (path === `${P}/versions`) return answerVersions();
    // The Diff view's graphs (empty) and diff (not stubbed: a 404 it shows as its error).
    if (path.endsWith('/graph')) return { body: { nodes: [], edges: [], next: null } };
    return undefined;
  };
}

/** Artifacts, or the Diff view once a link went there: what App renders for those two routes. */
function Harness() {
  const current = useCurrent();
  return useRoute().view === 'diff' ? <Diff current={current} /> : <Artifacts current={current} />;
}

function renderArtifacts(): void {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <Harness />
    </QueryClientProvider>,
  );
}

const row = (id: string): HTMLElement => {
  const found = screen.getAllByRole('row').find((r) => r.getAttribute('data-version-id') === id);
  if (!found) throw new Error(`no row for version ${id}`);
  return found;
};

function stubClipboard(writeText: ((text: string) => Promise<void>) | null): void {
  Object.defineProperty(window.navigator, 'clipboard', { value: writeText ? { writeText } : undefined, configurable: true });
}

beforeEach(() => {
  localStorage.clear();
  window.history.pushState(null, '', '/artifacts');
  // The header picked the middle version: "current" is neither the newest nor the oldest.
  useScope.setState({ tenantId: 't', projectId: 'p', versionId: V2 });
});

describe('the Artifacts view', () => {
  it('lists the versions newest first, marks the current and the latest one, and links each file to its download', async () => {
    answerWith(api(() => ({ body: versions })));
    renderArtifacts();
    await screen.findByRole('table', { name: 'Versions' });
    expect(screen.getAllByRole('row').slice(1).map((r) => r.getAttribute('data-version-id'))).toEqual([V3, V2, V1]);
    expect(row(V2).getAttribute('aria-current')).toBe('true');
    expect(within(row(V2)).getByText('current')).toBeTruthy();
    expect(within(row(V2)).getByText('viewing')).toBeTruthy();
    expect(within(row(V3)).getByText('latest')).toBeTruthy();
    expect(within(row(V3)).queryByText('current')).toBeNull();
    expect(row(V1).getAttribute('aria-current')).toBeNull();

    const links = within(row(V2)).getAllByRole('link', { name: /^⤓/ });
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.hasAttribute('download')])).toEqual([
      ['⤓ manifest · 421.0 KiB', `${P}/versions/${V2}/files/manifest`, true],
      ['⤓ catalog · 20.0 KiB', `${P}/versions/${V2}/files/catalog`, true],
    ]);
    expect(within(row(V3)).getAllByRole('link', { name: /^⤓/ }).map((a) => a.getAttribute('href'))).toEqual([
      `${P}/versions/${V3}/files/manifest`,
      `${P}/versions/${V3}/files/run_results`,
    ]);
    expect(within(row(V3)).getByRole('link', { name: /manifest/ }).textContent).toBe('⤓ manifest · 2.4 MiB');
    // Only the list of versions was read: the files are fetched by the browser when clicked.
    expect(requests.filter((r) => r.includes('/files/'))).toEqual([]);
  });

  it('copies a file\'s sha256, and shows it to copy by hand when the clipboard refuses', async () => {
    answerWith(api(() => ({ body: versions })));
    const writeText = jest.fn((_text: string) => Promise.resolve());
    stubClipboard(writeText);
    renderArtifacts();
    await screen.findByRole('table', { name: 'Versions' });
    fireEvent.click(within(row(V2)).getByRole('button', { name: 'Copy the sha256 of catalog' }));
    expect(writeText).toHaveBeenCalledWith(sha('b'));
    await within(row(V2)).findByText('Copied ✓');

    stubClipboard(() => Promise.reject(new Error('denied')));
    fireEvent.click(within(row(V1)).getByRole('button', { name: 'Copy the sha256 of manifest' }));
    expect((await within(row(V1)).findByTestId('sha-manifest')).textContent).toBe(sha('1'));
    stubClipboard(null);
    fireEvent.click(within(row(V3)).getByRole('button', { name: 'Copy the sha256 of run_results' }));
    expect((await within(row(V3)).findByTestId('sha-run_results')).textContent).toBe(sha('4'));
  });

  it('makes another version current with View, and opens the Diff of any version against the current one', async () => {
    answerWith(api(() => ({ body: versions })));
    renderArtifacts();
    await screen.findByRole('table', { name: 'Versions' });
    expect(within(row(V2)).queryByRole('link', { name: 'Diff against current' })).toBeNull();
    const toDiff = within(row(V3)).getByRole('link', { name: 'Diff against current' });
    expect(toDiff.getAttribute('href')).toBe(`/diff/${V3}`);

    // V1 becomes current: its row is marked, and the others now diff against it.
    fireEvent.click(within(row(V1)).getByRole('button', { name: 'View' }));
    await waitFor(() => expect(row(V1).getAttribute('aria-current')).toBe('true'));
    expect(row(V2).getAttribute('aria-current')).toBeNull();
    expect(useScope.getState().versionId).toBe(V1);

    // Diff V3 (base, newer) against V1 (head): the Diff view takes the base from the route.
    fireEvent.click(within(row(V3)).getByRole('link', { name: 'Diff against current' }));
    expect(window.location.pathname).toBe(`/diff/${V3}`);
    const base = (await screen.findByLabelText('Base version')) as HTMLSelectElement;
    expect(base.value).toBe(V3);
    await waitFor(() => expect(requests).toContain(`GET ${P}/versions/${V1}/diff?base=${V3}`));
    // Another base picked in the Diff view goes into the route too, so the link can be shared.
    fireEvent.change(base, { target: { value: V2 } });
    expect(window.location.pathname).toBe(`/diff/${V2}`);
    await waitFor(() => expect(requests).toContain(`GET ${P}/versions/${V1}/diff?base=${V2}`));
  });

  it('shows loading, then the API\'s problem with a retry, and an empty state without versions', async () => {
    let answer: Answer = { status: 500, body: { type: 'https://sluice.dev/problems/internal', title: 'Internal error', status: 500, detail: 'boom' } };
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => { release = r; });
    answerWith(api(async () => { await gate; return answer; }));
    renderArtifacts();
    await screen.findByText(/Loading versions/);
    await act(async () => { release(); });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Internal error (500)');
    expect(alert.textContent).toContain('boom');

    answer = { body: [] };
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByRole('heading', { name: 'No version ingested yet' });
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('the diff route', () => {
  it('carries an optional base version', () => {
    expect(parseRoute('/diff')).toEqual({ view: 'diff' });
    expect(parseRoute(`/diff/${V1}`)).toEqual({ view: 'diff', base: V1 });
    expect(pathOf({ view: 'diff', base: V1 })).toBe(`/diff/${V1}`);
    expect(pathOf({ view: 'diff' })).toBe('/diff');
    expect(parseRoute('/diff/a/b')).toEqual({ view: 'not_found', path: '/diff/a/b' });
  });
});
