import '@xyflow/react/dist/style.css';
import './styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './client/client';
import { App } from './app/App';
import { PaletteProvider } from './app/Palette';
import { applyTheme, useTheme } from './app/theme';
import { createAsyncLayout } from './graph/asyncLayout';
import { browserWorkerFactory } from './graph/layoutWorker';
import { LayoutServiceContext } from './workspace/layoutContext';

applyTheme(useTheme.getState().theme);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

const layoutService = createAsyncLayout(browserWorkerFactory);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LayoutServiceContext.Provider value={layoutService}>
        <PaletteProvider>
          <App />
        </PaletteProvider>
      </LayoutServiceContext.Provider>
    </QueryClientProvider>
  </StrictMode>,
);
