import { useEffect, useState } from 'react';
import { navigate, pathOf } from '../app/router';
import { useScope } from '../app/scope';
import { ErrorState, Loading } from '../app/states';
import type { Current } from '../app/useCurrent';
import { versionFileUrl, type ProjectVersion, type VersionRef } from '../client/client';
import { NoVersion } from '../workspace/WorkspaceView';

const size = (bytes: number): string => (bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`);

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * One file: its download link (`GET …/files/{kind}`, an attachment named after project, version and
 * kind), the start of its sha256 and "Copy sha256" (the Clipboard API; where the browser refuses, no
 * secure context or no permission, the full hash is shown, selected on click, to copy by hand).
 */
function FileItem({ file, href }: { readonly file: ProjectVersion['files'][number]; readonly href: string }) {
  const { kind, sha256 } = file;
  const [copy, setCopy] = useState<CopyState>('idle');
  useEffect(() => {
    if (copy !== 'copied') return undefined;
    const timer = setTimeout(() => setCopy('idle'), 2000);
    return () => clearTimeout(timer);
  }, [copy]);
  const onCopy = (): void => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) {
      setCopy('failed');
      return;
    }
    void clipboard.writeText(sha256).then(() => setCopy('copied'), () => setCopy('failed'));
  };
  return (
    <li data-kind={kind}>
      <span className="artifact-file">
        <a className="chip chip-link" href={href} download title={`Download ${kind}.json (sha256 ${sha256})`}>
          ⤓ {kind} · {size(file.size)}
        </a>
        <code className="muted small" title={sha256}>{sha256.slice(0, 12)}</code>
        <button type="button" className="link small" onClick={onCopy} title={`sha256 ${sha256}`} aria-label={`Copy the sha256 of ${kind}`}>
          {copy === 'copied' ? 'Copied ✓' : 'Copy sha256'}
        </button>
      </span>
      {copy === 'failed' ? (
        <span className="small copy-failed" role="status">
          Could not copy; select it: <code className="sha-full" data-testid={`sha-${kind}`}>{sha256}</code>
        </span>
      ) : null}
    </li>
  );
}

function Files({ version, at }: { readonly version: ProjectVersion; readonly at: VersionRef }) {
  return (
    <ul className="artifact-files" aria-label={`Files of version ${version.id.slice(0, 8)}`}>
      {version.files.map((f) => <FileItem key={f.kind} file={f} href={versionFileUrl(at, f.kind)} />)}
    </ul>
  );
}

/**
 * Every ingested version of the project (newest first) and its artifact files (content-addressed):
 * download them, copy their sha256, view a version, or diff one against the current version.
 */
export function Artifacts({ current }: { readonly current: Current }) {
  const setVersion = useScope((s) => s.setVersion);
  const { versions } = current;
  if (!current.project || !current.tenant) return <NoVersion current={current} />;
  if (versions.isPending) return <Loading what="versions" />;
  if (versions.isError) return <ErrorState error={versions.error} retry={() => void versions.refetch()} />;
  if (versions.data.length === 0) return <NoVersion current={current} />;
  const project = { tenantId: current.tenant.id, projectId: current.project.id };
  const currentId = current.version?.id ?? null;
  return (
    <div className="page">
      <h1>Artifacts</h1>
      <p className="muted">
        The current version is the one picked in the header; <strong>View</strong> makes another one current, <strong>Diff against current</strong> compares
        a version (left) with it (right).
      </p>
      <table className="grid-table artifacts-table" aria-label="Versions">
        <thead>
          <tr><th>Version</th><th>Ingested</th><th>Git</th><th>dbt</th><th>Schema</th><th>Nodes</th><th>Files</th><th /></tr>
        </thead>
        <tbody>
          {versions.data.map((v, i) => {
            const isCurrent = v.id === currentId;
            const diff = { view: 'diff', base: v.id } as const;
            return (
              <tr key={v.id} className={isCurrent ? 'current' : ''} data-version-id={v.id} aria-current={isCurrent ? 'true' : undefined}>
                <td className="version-cell">
                  <code title={v.id}>{v.id.slice(0, 8)}</code>
                  {isCurrent ? <span className="chip chip-current">current</span> : null}
                  {i === 0 ? <span className="chip">latest</span> : null}
                </td>
                <td>{v.createdAt.slice(0, 19).replace('T', ' ')}</td>
                <td><code>{v.gitSha?.slice(0, 7) ?? '—'}</code></td>
                <td>{v.dbtVersion ?? '—'}</td>
                <td>{v.manifestSchema}</td>
                <td>{v.nodeCount.toLocaleString()}</td>
                <td><Files version={v} at={{ ...project, versionId: v.id }} /></td>
                <td>
                  {isCurrent ? <span className="muted small">viewing</span> : (
                    <div className="row">
                      <button type="button" onClick={() => setVersion(v.id)}>View</button>
                      {currentId ? (
                        <a href={pathOf(diff)} onClick={(e) => { e.preventDefault(); navigate(diff); }} title="This version as the base (left), the current one as the head (right)">
                          Diff against current
                        </a>
                      ) : null}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
