import { useMemo } from 'react';
import { useDiff, useWorkspaceGraph } from '../client/queries';
import { navigate, useRoute } from '../app/router';
import { versionLabel } from '../app/ScopePicker';
import { Empty, ErrorState, Loading } from '../app/states';
import type { Current } from '../app/useCurrent';
import { DiffView } from '../diff/DiffView';
import { NoVersion } from '../workspace/WorkspaceView';

/**
 * What changed between two versions, on the graph: both versions side by side (base left, head
 * right) over one layout, and the tables of GET …/versions/{v}/diff?base=… below.
 */
export function Diff({ current }: { readonly current: Current }) {
  const versions = current.versions.data ?? [];
  const head = current.version;
  // The base is in the route (`/diff/{base}`: Artifacts' "Diff against current", a shared link, the
  // selector below), else the newest older version; never the head itself.
  const route = useRoute();
  const wanted = route.view === 'diff' ? (route.base ?? null) : null;
  const base = versions.find((v) => v.id === wanted && v.id !== head?.id) ?? versions.find((v) => head && v.id !== head.id && v.createdAt <= head.createdAt) ?? null;
  const headRef = current.ref;
  const baseRef = useMemo(() => (headRef && base ? { tenantId: headRef.tenantId, projectId: headRef.projectId, versionId: base.id } : null), [headRef, base]);
  const diff = useDiff(headRef, base?.id ?? null);
  const baseGraph = useWorkspaceGraph(baseRef, null);
  const headGraph = useWorkspaceGraph(headRef, null);
  if (!headRef || !head) return <NoVersion current={current} />;
  if (versions.length < 2) return <Empty title="Nothing to compare yet"><p>A diff needs two versions of the project; ingest another one.</p></Empty>;
  const failed = [diff, baseGraph, headGraph].find((q) => q.isError);
  return (
    <div className="page diff-page">
      <h1>Diff</h1>
      <div className="row gap">
        <label>
          Base{' '}
          <select aria-label="Base version" value={base?.id ?? ''} onChange={(e) => navigate({ view: 'diff', base: e.target.value })}>
            {versions.filter((v) => v.id !== head.id).map((v) => (
              <option key={v.id} value={v.id}>{versionLabel(v, false)}</option>
            ))}
          </select>
        </label>
        <span>→ {versionLabel(head, head.id === versions[0]?.id)}</span>
      </div>
      {failed ? (
        <ErrorState error={failed.error} retry={() => void failed.refetch()} />
      ) : base && baseRef && diff.isSuccess && baseGraph.isSuccess && headGraph.isSuccess ? (
        <DiffView
          diff={diff.data}
          base={{ ref: baseRef, title: versionLabel(base, false), graph: baseGraph.data }}
          head={{ ref: headRef, title: versionLabel(head, head.id === versions[0]?.id), graph: headGraph.data }}
        />
      ) : (
        <Loading what="the diff and both versions' graphs" />
      )}
    </div>
  );
}
