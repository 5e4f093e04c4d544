import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { buildWorkspaceGraph, type WorkspaceGraph } from '../graph/model';
import {
  diffVersions, fetchGraph, getNode, listEnvironments, listProjects, listTenants, listVersions,
  type Environment, type NodeDetail, type Project, type ProjectVersion, type Tenant, type VersionDiff, type VersionRef,
} from './client';

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
