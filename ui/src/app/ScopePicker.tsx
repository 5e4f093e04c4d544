import { useScope } from './scope';
import type { Current } from './useCurrent';

/** The header's tenant / project / version pickers. */
export function ScopePicker({ current }: { readonly current: Current }) {
  const { setTenant, setProject, setVersion } = useScope();
  const tenants = current.tenants.data ?? [];
  const projects = current.projects.data ?? [];
  const versions = current.versions.data ?? [];
  return (
    <div className="scope-picker">
      {tenants.length > 1 ? (
        <select aria-label="Tenant" value={current.tenant?.id ?? ''} onChange={(e) => setTenant(e.target.value)}>
          {tenants.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      ) : null}
      <select aria-label="Project" value={current.project?.id ?? ''} onChange={(e) => setProject(e.target.value)} disabled={projects.length === 0}>
        {projects.length === 0 ? <option value="">no project</option> : null}
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <select aria-label="Version" value={current.version?.id ?? ''} onChange={(e) => setVersion(e.target.value)} disabled={versions.length === 0}>
        {versions.length === 0 ? <option value="">no version</option> : null}
        {versions.map((v, i) => (
          <option key={v.id} value={v.id}>
            {versionLabel(v, i === 0)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function versionLabel(v: { createdAt: string; gitSha: string | null; nodeCount: number }, latest: boolean): string {
  const when = v.createdAt.slice(0, 16).replace('T', ' ');
  return `${when}${v.gitSha ? ` · ${v.gitSha.slice(0, 7)}` : ''} · ${v.nodeCount} nodes${latest ? ' (latest)' : ''}`;
}
