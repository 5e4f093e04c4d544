import { useState } from 'react';
import type { VersionRef } from '../client/client';
import { useNode } from '../client/queries';
import { ErrorState, Loading } from '../app/states';
import { NodeActivity, type EnvironmentChoice } from './NodeActivity';

type Tab = 'docs' | 'columns' | 'sql' | 'tests' | 'runs' | 'cost';
const TABS: ReadonlyArray<{ id: Tab; label: string }> = [
  { id: 'docs', label: 'Docs' },
  { id: 'columns', label: 'Columns' },
  { id: 'sql', label: 'SQL' },
  { id: 'tests', label: 'Tests' },
  { id: 'runs', label: 'Recent runs' },
  { id: 'cost', label: 'Est. cost' },
];

/**
 * The side panel of one node: what GET …/nodes/{uniqueId} returns, one tab per facet; recent runs
 * and the estimated cost come from GET …/nodes/{uniqueId}/history (NodeActivity).
 */
export function NodePanel({ versionRef, uniqueId, onClose, onOpenNode }: {
  readonly versionRef: VersionRef;
  readonly uniqueId: string;
  readonly onClose: () => void;
  readonly onOpenNode: (uniqueId: string) => void;
}) {
  const [tab, setTab] = useState<Tab>('docs');
  // Kept across tabs and nodes: the environment the runs and the estimate are for.
  const [environment, setEnvironment] = useState<EnvironmentChoice>(null);
  const query = useNode(versionRef, uniqueId);
  return (
    <aside className="side-panel" aria-label="Node details">
      <header className="side-head">
        <div>
          <div className="muted small">{uniqueId}</div>
          <h2>{query.data?.name ?? uniqueId.split('.').pop()}</h2>
        </div>
        <button type="button" className="icon" aria-label="Close panel" onClick={onClose}>
          ×
        </button>
      </header>
      <nav className="tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'active' : ''} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </nav>
      <div className="side-body">
        {tab === 'runs' || tab === 'cost' ? (
          <NodeActivity facet={tab} versionRef={versionRef} uniqueId={uniqueId} choice={environment} onChoice={setEnvironment} />
        ) : query.isPending ? (
          <Loading what="node" />
        ) : query.isError ? (
          <ErrorState error={query.error} retry={() => void query.refetch()} />
        ) : (
          <PanelTab tab={tab} detail={query.data} onOpenNode={onOpenNode} />
        )}
      </div>
    </aside>
  );
}

type Detail = NonNullable<ReturnType<typeof useNode>['data']>;

function PanelTab({ tab, detail, onOpenNode }: { readonly tab: Exclude<Tab, 'runs' | 'cost'>; readonly detail: Detail; readonly onOpenNode: (id: string) => void }) {
  const n = detail.node;
  switch (tab) {
    case 'docs':
      return (
        <div>
          <dl className="facts">
            <dt>Kind</dt>
            <dd>{n.kind}{n.materialized ? ` · ${n.materialized}` : ''}</dd>
            <dt>Package</dt>
            <dd>{n.packageName}</dd>
            {n.originalFilePath ? (<><dt>File</dt><dd><code>{n.originalFilePath}</code></dd></>) : null}
            {n.relationName ? (<><dt>Relation</dt><dd><code>{n.relationName}</code></dd></>) : null}
            {n.tags.length ? (<><dt>Tags</dt><dd>{n.tags.map((t) => <span key={t} className="chip">{t}</span>)}</dd></>) : null}
            {n.group ? (<><dt>Group</dt><dd>{n.group}</dd></>) : null}
          </dl>
          <p className="description">{n.description || <span className="muted">No description in the manifest.</span>}</p>
          <NodeLinks title="Upstream" ids={detail.parents} onOpenNode={onOpenNode} />
          <NodeLinks title="Downstream" ids={detail.children.filter((c) => !c.startsWith('test.'))} onOpenNode={onOpenNode} />
        </div>
      );
    case 'columns': {
      const columns = Object.values(n.columns);
      if (columns.length === 0) return <p className="muted">No documented columns.</p>;
      return (
        <table className="grid-table">
          <thead><tr><th>Column</th><th>Type</th><th>Description</th></tr></thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c.name}><td><code>{c.name}</code></td><td>{c.dataType ?? '—'}</td><td>{c.description}</td></tr>
            ))}
          </tbody>
        </table>
      );
    }
    case 'sql':
      if (!n.rawCode && !n.compiledCode) return <p className="muted">This node has no code.</p>;
      return (
        <div>
          {n.rawCode ? (<><h3>Source</h3><pre className="code">{n.rawCode}</pre></>) : null}
          {n.compiledCode ? (<><h3>Compiled</h3><pre className="code">{n.compiledCode}</pre></>) : <p className="muted">Compiled SQL appears once the project was compiled (dbt compile or a run).</p>}
        </div>
      );
    case 'tests': {
      const tests = detail.children.filter((c) => c.startsWith('test.') || c.startsWith('unit_test.'));
      return tests.length ? <NodeLinks title={`${tests.length} tests`} ids={tests} onOpenNode={onOpenNode} /> : <p className="muted">No tests attached to this node.</p>;
    }
    default: {
      const unreachable: never = tab;
      return <p>{String(unreachable)}</p>;
    }
  }
}

function NodeLinks({ title, ids, onOpenNode }: { readonly title: string; readonly ids: readonly string[]; readonly onOpenNode: (id: string) => void }) {
  if (ids.length === 0) return null;
  return (
    <section>
      <h3>{title}</h3>
      <ul className="link-list">
        {ids.map((id) => (
          <li key={id}>
            <button type="button" className="link" onClick={() => onOpenNode(id)}>
              {id}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
