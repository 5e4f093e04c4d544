/**
 * @jest-environment jsdom
 */
import { act, fireEvent, screen } from '@testing-library/react';
import { generateGraph } from '../../bench/ui/page/generate';
import { buildWorkspaceGraph, type WorkspaceGraph } from '../../ui/src/graph/model';
import { OPEN_COLLAPSED_ABOVE, openCollapsed } from '../../ui/src/graph/openCollapsed';
import { renderWorkspace } from './workspaceHarness';

/** A generated project of n nodes (5 packages; summaries, so folders are unknown). */
const project = (n: number): WorkspaceGraph => {
  const data = generateGraph(n);
  return buildWorkspaceGraph(data.nodes, data.edges);
};

describe('openCollapsed', () => {
  it('leaves projects up to the threshold as they are and maps bigger ones by package when folders are unknown', () => {
    expect(openCollapsed(project(OPEN_COLLAPSED_ABOVE), true)).toBeNull();
    const big = openCollapsed(project(OPEN_COLLAPSED_ABOVE + 1), true);
    expect(big).toEqual({ grouping: 'package', keys: ['package:pkg_0', 'package:pkg_1', 'package:pkg_2', 'package:pkg_3', 'package:pkg_4'] });
  });
});

beforeEach(() => localStorage.clear());

describe('a big project opened for the first time', () => {
  it('opens as a map of its packages, says so, and Ctrl+Z brings every node back', async () => {
    await renderWorkspace(project(2_000));
    await screen.findByText(/^5 nodes · \d+ edges/, {}, { timeout: 10_000 });
    expect(screen.getByTestId('opened-collapsed').textContent).toContain('map of its packages');
    expect(await screen.findAllByTestId('graph-group', {}, { timeout: 10_000 })).toHaveLength(5);
    act(() => void fireEvent.keyDown(window, { key: 'z', ctrlKey: true }));
    await screen.findByText(/2,000 nodes · [\d,]+ edges/, {}, { timeout: 10_000 });
    expect(screen.queryByTestId('opened-collapsed')).toBeNull();
  });

  it('keeps a saved canvas as it was', async () => {
    await renderWorkspace(project(2_000));
    await screen.findByText(/^5 nodes · \d+ edges/, {}, { timeout: 10_000 });
    fireEvent.click(screen.getByRole('button', { name: 'Expand all' }));
    await screen.findByText(/2,000 nodes/, {}, { timeout: 10_000 });
    // A second visit replays the saved events (the expanded graph), and does not collapse it again.
    document.body.innerHTML = '';
    await renderWorkspace(project(2_000));
    await screen.findByText(/2,000 nodes · [\d,]+ edges/, {}, { timeout: 10_000 });
    expect(screen.queryByTestId('opened-collapsed')).toBeNull();
  });
});
