import { useMemo } from 'react';
import { createApiCanvasStore } from '../client/canvasStore';
import { useWorkspaceGraph } from '../client/queries';
import { Empty, ErrorState, Loading } from '../app/states';
import type { Current } from '../app/useCurrent';
import { GraphWorkspace } from './GraphWorkspace';

/** The API keeps each caller's canvas under the caller's identity; this id only names it locally. */
const LOCAL_USER = 'me';
const apiCanvasStore = createApiCanvasStore();

/** The Graph route: loads the current version's graph, then the workspace. */
export function WorkspaceView({ current }: { readonly current: Current }) {
  const graph = useWorkspaceGraph(current.ref, null);
  const canvasScope = useMemo(
    () => (current.tenant && current.project ? { tenantId: current.tenant.id, projectId: current.project.id, userId: LOCAL_USER } : null),
    [current.tenant, current.project],
  );
  if (!current.ref) return <NoVersion current={current} />;
  if (graph.isPending) return <Loading what="the project graph" />;
  if (graph.isError) return <ErrorState error={graph.error} retry={() => void graph.refetch()} />;
  if (graph.data.nodes.size === 0) return <Empty title="This version has no nodes" />;
  return <GraphWorkspace graph={graph.data} versionRef={current.ref} canvasScope={canvasScope} canvasStore={apiCanvasStore} />;
}

export function NoVersion({ current }: { readonly current: Current }) {
  const failed = [current.tenants, current.projects, current.versions].find((q) => q.isError);
  if (failed) return <ErrorState error={failed.error} retry={() => void failed.refetch()} />;
  if (current.tenants.isPending || current.projects.isPending || current.versions.isPending) {
    if (current.tenants.data?.length === 0 || current.projects.data?.length === 0) return <NoProject />;
    return <Loading what="projects" />;
  }
  if (!current.project) return <NoProject />;
  return (
    <Empty title="No version ingested yet">
      <p>
        Upload the project&apos;s dbt artifacts: <code>sluice ingest</code>, or <code>POST …/projects/{'{projectId}'}/versions</code> with
        a <code>manifest.json</code> (and optionally catalog, run_results, sources).
      </p>
    </Empty>
  );
}

function NoProject() {
  return (
    <Empty title="No project yet">
      <p>Create a tenant, an org and a project through the API (see /api/docs), then ingest a version of its dbt artifacts.</p>
    </Empty>
  );
}
