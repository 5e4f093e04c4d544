import { createContext, useContext } from 'react';
import type { AsyncLayout } from '../graph/asyncLayout';

/**
 * The app's one layout service (so there is never more than one live layout worker). main.tsx
 * provides the worker-backed one; tests provide one that lays out on the main thread.
 */
export const LayoutServiceContext = createContext<AsyncLayout | null>(null);

export function useLayoutService(): AsyncLayout {
  const service = useContext(LayoutServiceContext);
  if (!service) throw new Error('no LayoutServiceContext provider');
  return service;
}
