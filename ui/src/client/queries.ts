import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { buildWorkspaceGraph, type WorkspaceGraph } from '../graph/model';
import {
  diffVersions, fetchGraph, getNode, listEnvironments, listProjects, listTenants, listVersions,
  type Environment, type NodeDetail, type Project, type ProjectVersion, type Tenant, type VersionDiff, type VersionRef,
} from './client';
import { getRunTrends, type ProjectRef, type RunTrends } from './client';
import { getNodeHistory, type NodeHistory } from './client';

/** TanStack Query hooks over the client; versions are immutable, so their data never goes stale. */

const IMMUTABLE = { staleTime: Infinity, gcTime: 10 * 60_000 } as const;

export const useTenants = (): UseQueryResult<Tenant[]> => useQuery({ queryKey: ['tenants'], queryFn: listTenants });

export const useProjects = (tenantId: string | null): UseQueryResult<Project[]> =>
  useQuery({ queryKey: ['projects', tenantId], queryFn: () => listProjects(tenantId as string), enabled: tenantId !== null });

export const useVersions = (tenantId: string | null, projectId: string | null): UseQueryResult<ProjectVersion[]> =>
  useQuery({ queryKey: ['versions', tenantId, projectId], queryFn: () => listVersions(tenantId as string, projectId as string), enabled: tenantId !== null && projectId !== null });

export const useEnvironments = (tenantId: string | null, projectId: string | null): UseQueryResult<Environment[]> =>
  useQuery({ queryKey: ['environments', tenantId, projectId], queryFn: () => listEnvironments(tenantId as string, projectId as string), enabled: tenantId !== null && projectId !== null });

export const useWorkspaceGraph = (ref: VersionRef | null, projectName: string | null): UseQueryResult<WorkspaceGraph> =>
  useQuery({
    queryKey: ['graph', ref?.tenantId, ref?.projectId, ref?.versionId],
    queryFn: async () => {
      const data = await fetchGraph(ref as VersionRef);
      return buildWorkspaceGraph(data.nodes, data.edges, projectName);
    },
    enabled: ref !== null,
    ...IMMUTABLE,
  });

export const useNode = (ref: VersionRef | null, uniqueId: string | null): UseQueryResult<NodeDetail> =>
  useQuery({
    queryKey: ['node', ref?.versionId, uniqueId],
    queryFn: () => getNode(ref as VersionRef, uniqueId as string),
    enabled: ref !== null && uniqueId !== null,
    ...IMMUTABLE,
  });

export const useDiff = (ref: VersionRef | null, baseVersionId: string | null): UseQueryResult<VersionDiff> =>
  useQuery({
    queryKey: ['diff', ref?.versionId, baseVersionId],
    queryFn: () => diffVersions(ref as VersionRef, baseVersionId as string),
    enabled: ref !== null && baseVersionId !== null,
    ...IMMUTABLE,
  });

/** The dashboard's run trends; read again every 30 s (runs keep ending). */
export const useRunTrends = (ref: ProjectRef | null, days: number, environmentId: string | null): UseQueryResult<RunTrends> =>
  useQuery({
    queryKey: ['run-trends', ref?.tenantId, ref?.projectId, days, environmentId],
    queryFn: () => getRunTrends(ref as ProjectRef, days, environmentId ?? undefined),
    enabled: ref !== null,
    refetchInterval: 30_000,
  });

/** A node's recent runs and estimated cost (the node panel); runs keep coming, so it is read again after 15 s. */
export const useNodeHistory = (
  ref: VersionRef | null,
  uniqueId: string | null,
  environmentId: string | null,
  options: { readonly enabled?: boolean; readonly limit?: number } = {},
): UseQueryResult<NodeHistory> =>
  useQuery({
    queryKey: ['node-history', ref?.tenantId, ref?.projectId, ref?.versionId, uniqueId, environmentId, options.limit ?? null],
    queryFn: () =>
      getNodeHistory(ref as VersionRef, uniqueId as string, { versionId: (ref as VersionRef).versionId, environmentId: environmentId ?? undefined, limit: options.limit }),
    enabled: ref !== null && uniqueId !== null && (options.enabled ?? true),
    staleTime: 15_000,
  });
