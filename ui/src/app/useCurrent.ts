import { useEffect } from 'react';
import type { Project, ProjectVersion, Tenant, VersionRef } from '../client/client';
import { useProjects, useTenants, useVersions } from '../client/queries';
import { useScope } from './scope';

export interface Current {
  readonly tenants: ReturnType<typeof useTenants>;
  readonly projects: ReturnType<typeof useProjects>;
  readonly versions: ReturnType<typeof useVersions>;
  readonly tenant: Tenant | null;
  readonly project: Project | null;
  readonly version: ProjectVersion | null;
  readonly ref: VersionRef | null;
}

/** The scope resolved against the API: a saved id that no longer exists falls back to the first (newest) one. */
export function useCurrent(): Current {
  const scope = useScope();
  const tenants = useTenants();
  const tenant = tenants.data?.find((t) => t.id === scope.tenantId) ?? tenants.data?.[0] ?? null;
  const projects = useProjects(tenant?.id ?? null);
  const project = projects.data?.find((p) => p.id === scope.projectId) ?? projects.data?.[0] ?? null;
  const versions = useVersions(tenant?.id ?? null, project?.id ?? null);
  const version = versions.data?.find((v) => v.id === scope.versionId) ?? versions.data?.[0] ?? null;

  const { setTenant, setProject, setVersion } = scope;
  useEffect(() => {
    if (tenant) setTenant(tenant.id);
  }, [tenant, setTenant]);
  useEffect(() => {
    if (project) setProject(project.id);
  }, [project, setProject]);
  useEffect(() => {
    if (version) setVersion(version.id);
  }, [version, setVersion]);

  const ref = tenant && project && version ? { tenantId: tenant.id, projectId: project.id, versionId: version.id } : null;
  return { tenants, projects, versions, tenant, project, version, ref };
}
