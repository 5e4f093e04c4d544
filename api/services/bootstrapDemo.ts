import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore } from '../../adapters/blobs/types';
import type { Store } from '../../store/db';
import { createEnvironment } from '../../store/operations/environments/createEnvironment';
import { listEnvironments } from '../../store/operations/environments/listEnvironments';
import { updateEnvironment } from '../../store/operations/environments/updateEnvironment';
import { createOrg } from '../../store/operations/orgs/createOrg';
import { listOrgs } from '../../store/operations/orgs/listOrgs';
import { createProject } from '../../store/operations/projects/createProject';
import { listProjects } from '../../store/operations/projects/listProjects';
import { createTenant } from '../../store/operations/tenants/createTenant';
import { listTenants } from '../../store/operations/tenants/listTenants';
import { ARTIFACT_FILE_NAMES, type ArtifactFiles } from './artifactFiles';
import { ingestVersion } from './ingestVersion';

/** The example project `sluice dev` shows on first start, from a dbt `target/` folder. */
export interface DemoProject {
  /** Folder holding manifest.json and whichever of catalog/run_results/sources exist. */
  readonly artifactsDir: string;
  readonly slug: string;
  readonly name: string;
  /** The dbt target of the default environment (DuckDB on the embedded default). */
  readonly target: string;
  /** The default environment's settings: planning settings and `dbt` (where and how nodes run). */
  readonly environmentSettings: Readonly<Record<string, unknown>>;
}

export interface DemoIds {
  readonly tenantId: string;
  readonly orgId: string;
  readonly projectId: string;
  readonly environmentId: string;
  readonly versionId: string;
  readonly versionCreated: boolean;
}

/**
 * Makes sure the embedded default has a default tenant, org, project and environment, and that the
 * project's current artifacts are ingested. Idempotent: a second start finds everything and, when
 * the artifacts are unchanged, ingests nothing new (versions are content-addressed).
 */
export async function ensureDemoProject(deps: { store: Store; blobs: BlobStore }, demo: DemoProject): Promise<DemoIds> {
  const db = deps.store.db;
  const tenant = (await listTenants({ db })).find((t) => t.slug === 'default') ?? (await createTenant({ db, slug: 'default', name: 'Default tenant' }));
  const tenantId = tenant.id;
  const org = (await listOrgs({ db, tenantId })).find((o) => o.slug === 'default') ?? (await createOrg({ db, tenantId, slug: 'default', name: 'Default org' }));
  const project =
    (await listProjects({ db, tenantId, orgId: org.id })).find((p) => p.slug === demo.slug) ??
    (await createProject({ db, tenantId, orgId: org.id, slug: demo.slug, name: demo.name }));
  const existing = (await listEnvironments({ db, tenantId, projectId: project.id })).find((e) => e.name === 'dev');
  const environment = existing
    ? await updateEnvironment({ db, tenantId, id: existing.id, settings: { ...existing.settings, dbt: demo.environmentSettings['dbt'] } })
    : await createEnvironment({ db, tenantId, projectId: project.id, name: 'dev', target: demo.target, settings: demo.environmentSettings });
  const { version, created } = await ingestVersion({
    store: deps.store,
    blobs: deps.blobs,
    tenantId,
    projectId: project.id,
    files: await filesFromDirectory(demo.artifactsDir),
    gitSha: null,
  });
  return { tenantId, orgId: org.id, projectId: project.id, environmentId: environment.id, versionId: version.id, versionCreated: created };
}

/** Reads the artifact files a dbt `target/` folder holds; manifest.json must be there. */
export async function filesFromDirectory(dir: string): Promise<ArtifactFiles> {
  const files: ArtifactFiles = new Map();
  for (const [name, kind] of Object.entries(ARTIFACT_FILE_NAMES)) {
    try {
      files.set(kind, await readFile(join(dir, name)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  if (!files.has('manifest')) throw new Error(`no manifest.json in ${dir}`);
  return files;
}
