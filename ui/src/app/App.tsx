import { useKBar } from 'kbar';
import { useEffect } from 'react';
import { Artifacts } from '../views/Artifacts';
import { PlansView, RunDetailView, RunsView } from '../views/Coming';
import { Dashboard } from '../views/Dashboard';
import { Diff } from '../views/Diff';
import { Docs } from '../views/Docs';
import { WorkspaceView } from '../workspace/WorkspaceView';
import { VIEWS } from './Palette';
import { navigate, pathOf, useRoute, type Route } from './router';
import { ScopePicker } from './ScopePicker';
import { readServerConfig } from './serverConfig';
import { Empty } from './states';
import { applyTheme, useTheme } from './theme';
import { useCurrent, type Current } from './useCurrent';

const server = readServerConfig();

export function App() {
  const route = useRoute();
  const current = useCurrent();
  const { theme, toggle } = useTheme();
  const { query } = useKBar();
  useEffect(() => applyTheme(theme), [theme]);
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="/" onClick={(e) => { e.preventDefault(); navigate({ view: 'dashboard' }); }}>
          Sluice
        </a>
        <nav className="nav">
          {VIEWS.map((v) => (
            <a
              key={v.route.view}
              href={pathOf(v.route)}
              className={isActive(route, v.route) ? 'active' : ''}
              aria-current={isActive(route, v.route) ? 'page' : undefined}
              onClick={(e) => { e.preventDefault(); navigate(v.route); }}
            >
              {v.label}
            </a>
          ))}
        </nav>
        <ScopePicker current={current} />
        <span className="spacer" />
        {server.temporalUiUrl ? (
          <a className="muted" href={server.temporalUiUrl} target="_blank" rel="noreferrer">Temporal UI ↗</a>
        ) : null}
        <button type="button" onClick={() => query.toggle()} title="Command palette (Ctrl+K)">⌘K</button>
        <button type="button" onClick={toggle} aria-label="Toggle theme" title="Toggle theme">{theme === 'dark' ? '☾' : '☀'}</button>
      </header>
      <main className={`main view-${route.view}`}>
        <View route={route} current={current} />
      </main>
    </div>
  );
}

function isActive(route: Route, target: Route): boolean {
  return route.view === target.view || (route.view === 'run' && target.view === 'runs');
}

function View({ route, current }: { readonly route: Route; readonly current: Current }) {
  switch (route.view) {
    case 'dashboard':
      return <Dashboard current={current} />;
    case 'graph':
      return <WorkspaceView current={current} />;
    case 'plans':
      return <PlansView />;
    case 'runs':
      return <RunsView />;
    case 'run':
      return <RunDetailView runId={route.runId} />;
    case 'artifacts':
      return <Artifacts current={current} />;
    case 'diff':
      return <Diff current={current} />;
    case 'docs':
      return <Docs current={current} />;
    case 'not_found':
      return <Empty title="Page not found"><p><code>{route.path}</code> is not a page of Sluice.</p></Empty>;
    default: {
      const unreachable: never = route;
      return <p>{JSON.stringify(unreachable)}</p>;
    }
  }
}
