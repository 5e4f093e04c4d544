import {
  KBarAnimator, KBarPortal, KBarPositioner, KBarProvider, KBarResults, KBarSearch, useMatches, type Action,
} from 'kbar';
import type { ReactNode } from 'react';
import { navigate, type Route } from './router';
import { useTheme } from './theme';

/** Every view the palette (Ctrl/⌘+K) can open, in the order the nav shows them. */
export const VIEWS: ReadonlyArray<{ readonly route: Route; readonly label: string; readonly key: string }> = [
  { route: { view: 'dashboard' }, label: 'Dashboard', key: 'd' },
  { route: { view: 'graph' }, label: 'Graph', key: 'g' },
  { route: { view: 'plans' }, label: 'Plans', key: 'p' },
  { route: { view: 'runs' }, label: 'Runs', key: 'r' },
  { route: { view: 'artifacts' }, label: 'Artifacts', key: 'a' },
  { route: { view: 'diff' }, label: 'Diff', key: 'f' },
  { route: { view: 'docs' }, label: 'Docs', key: 'o' },
];

/** Asks the graph workspace to focus its selector box (it listens for this event). */
export const FOCUS_SELECTOR_EVENT = 'sluice:focus-selector';

export function PaletteProvider({ children }: { readonly children: ReactNode }) {
  const toggleTheme = useTheme((s) => s.toggle);
  const actions: Action[] = [
    ...VIEWS.map((v) => ({
      id: `go-${v.route.view}`,
      name: `Go to ${v.label}`,
      shortcut: ['g', v.key],
      section: 'Navigate',
      perform: () => navigate(v.route),
    })),
    {
      id: 'select-nodes',
      name: 'Select nodes… (dbt selector)',
      section: 'Graph',
      perform: () => {
        navigate({ view: 'graph' });
        setTimeout(() => window.dispatchEvent(new Event(FOCUS_SELECTOR_EVENT)), 50);
      },
    },
    { id: 'toggle-theme', name: 'Toggle dark / light theme', section: 'Appearance', shortcut: ['t'], perform: toggleTheme },
  ];
  return (
    <KBarProvider actions={actions}>
      <KBarPortal>
        <KBarPositioner className="palette-backdrop">
          <KBarAnimator className="palette">
            <KBarSearch className="palette-search" defaultPlaceholder="Type a command or a view…" />
            <PaletteResults />
          </KBarAnimator>
        </KBarPositioner>
      </KBarPortal>
      {children}
    </KBarProvider>
  );
}

function PaletteResults() {
  const { results } = useMatches();
  return (
    <KBarResults
      items={results}
      onRender={({ item, active }) =>
        typeof item === 'string' ? (
          <div className="palette-section">{item}</div>
        ) : (
          <div className={`palette-item${active ? ' active' : ''}`}>
            <span>{item.name}</span>
            {item.shortcut?.length ? <kbd>{item.shortcut.join(' ')}</kbd> : null}
          </div>
        )
      }
    />
  );
}
