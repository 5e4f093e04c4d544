import './jsdomShims';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render } from '@testing-library/react';
import { createAsyncLayout } from '../../ui/src/graph/asyncLayout';
import type { WorkspaceGraph } from '../../ui/src/graph/model';
import { GraphWorkspace } from '../../ui/src/workspace/GraphWorkspace';
import { LayoutServiceContext } from '../../ui/src/workspace/layoutContext';


/**
 * Renders the graph workspace on a graph, with the layout on the main thread (jsdom has no Worker;
 * the app uses one above 150 nodes) and the canvas saved in localStorage, and lets the saved canvas load.
 */
export async function renderWorkspace(graph: WorkspaceGraph): Promise<void> {
  const layout = createAsyncLayout(() => {
    throw new Error('no workers in tests');
  }, Number.POSITIVE_INFINITY);
  render(
    <QueryClientProvider client={new QueryClient()}>
      <LayoutServiceContext.Provider value={layout}>
        <GraphWorkspace graph={graph} versionRef={null} canvasScope={{ tenantId: 't', projectId: 'p', userId: 'u' }} />
      </LayoutServiceContext.Provider>
    </QueryClientProvider>,
  );
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}
