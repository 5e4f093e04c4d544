import { useSyncExternalStore } from 'react';

/** A tiny router over the History API: the app has a handful of flat routes and no nesting. */

export type Route =
  | { readonly view: 'dashboard' }
  | { readonly view: 'graph' }
  | { readonly view: 'plans'; readonly planId?: string }
  | { readonly view: 'runs' }
  | { readonly view: 'run'; readonly runId: string }
  | { readonly view: 'artifacts' }
  /** `base`: the version to compare the header's version against (`/diff/{base}`); the newest older one when absent. */
  | { readonly view: 'diff'; readonly base?: string }
  | { readonly view: 'docs' }
  | { readonly view: 'not_found'; readonly path: string };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
  const [head, second] = parts;
  if (parts.length === 0) return { view: 'dashboard' };
  if (parts.length === 1) {
    switch (head) {
      case 'graph':
      case 'plans':
      case 'runs':
      case 'artifacts':
      case 'diff':
      case 'docs':
        return { view: head };
      default:
        return { view: 'not_found', path: pathname };
    }
  }
  if (parts.length === 2 && head === 'runs' && second) return { view: 'run', runId: second };
  if (parts.length === 2 && head === 'plans' && second) return { view: 'plans', planId: second };
  if (parts.length === 2 && head === 'diff' && second) return { view: 'diff', base: second };
  return { view: 'not_found', path: pathname };
}

export function pathOf(route: Route): string {
  switch (route.view) {
    case 'dashboard':
      return '/';
    case 'run':
      return `/runs/${encodeURIComponent(route.runId)}`;
    case 'plans':
      return route.planId ? `/plans/${encodeURIComponent(route.planId)}` : '/plans';
    case 'diff':
      return route.base ? `/diff/${encodeURIComponent(route.base)}` : '/diff';
    case 'not_found':
      return route.path;
    default:
      return `/${route.view}`;
  }
}

const listeners = new Set<() => void>();
const notify = (): void => listeners.forEach((l) => l());

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

export function navigate(route: Route): void {
  const path = pathOf(route);
  if (window.location.pathname === path) return;
  window.history.pushState(null, '', path + window.location.search);
  notify();
}

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => window.location.pathname, () => '/');
  return parseRoute(pathname);
}
