import { create } from 'zustand';

/**
 * Which tenant, project and version the views look at. Chosen in the header; remembered in
 * localStorage; empty until the lists load (the header then picks the first project and the
 * newest version).
 */
export interface Scope {
  readonly tenantId: string | null;
  readonly projectId: string | null;
  readonly versionId: string | null;
}

interface ScopeStore extends Scope {
  setTenant(tenantId: string | null): void;
  setProject(projectId: string | null): void;
  setVersion(versionId: string | null): void;
}

const KEY = 'sluice.scope';

function saved(): Scope {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Scope>;
    return { tenantId: parsed.tenantId ?? null, projectId: parsed.projectId ?? null, versionId: parsed.versionId ?? null };
  } catch {
    return { tenantId: null, projectId: null, versionId: null };
  }
}

export const useScope = create<ScopeStore>((set, get) => {
  const save = (next: Scope): void => {
    set(next);
    localStorage.setItem(KEY, JSON.stringify({ tenantId: next.tenantId, projectId: next.projectId, versionId: next.versionId }));
  };
  return {
    ...(typeof localStorage === 'undefined' ? { tenantId: null, projectId: null, versionId: null } : saved()),
    setTenant: (tenantId) => (get().tenantId === tenantId ? undefined : save({ tenantId, projectId: null, versionId: null })),
    setProject: (projectId) => (get().projectId === projectId ? undefined : save({ tenantId: get().tenantId, projectId, versionId: null })),
    setVersion: (versionId) => (get().versionId === versionId ? undefined : save({ tenantId: get().tenantId, projectId: get().projectId, versionId })),
  };
});
