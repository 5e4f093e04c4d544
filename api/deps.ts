import type { Request } from 'express';
import type { Client } from '@temporalio/client';
import type { BlobStore } from '../adapters/blobs/types';
import type { Bus } from '../adapters/bus/types';
import type { Store } from '../store/db';
import type { Authenticator } from './auth/authenticator';
import type { Principal } from './auth/principal';
import type { ApiLimits } from './limits';
import type { VersionArtifactsCache } from './services/versionArtifacts';

/** Everything the API needs, built once at the composition root and handed to createApiApp. */
export interface ApiDeps {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly authenticator: Authenticator;
  readonly limits: ApiLimits;
  /**
   * Parsed artifacts of versions, shared by plans, node estimates and diffs; one per process, sized by
   * `limits.versionCache*`. Absent (deps built by hand): every request reads and parses the blobs again.
   */
  readonly versions?: VersionArtifactsCache;
  /** Called with unexpected (5xx) errors; never given request bodies or credentials. */
  readonly log: (err: unknown) => void;
  /** Where runs execute. Absent: the run routes answer 503 (plans, canvas and the rest still work). */
  readonly temporal?: ApiTemporal;
  /** Live run logs (topic `run:<runId>:logs`). Absent: the logs route answers 503. */
  readonly bus?: Bus;
}

/** The Temporal client the API starts, signals and cancels runs with, and where the Web UI is. */
export interface ApiTemporal {
  readonly client: Client;
  readonly taskQueue: string;
  readonly namespace: string;
  readonly uiUrl: string;
}

const DEPS = 'sluiceDeps';

export function setDeps(locals: Record<string, unknown>, deps: ApiDeps): void {
  locals[DEPS] = deps;
}

export function depsOf(req: Request): ApiDeps {
  const deps = req.app.locals[DEPS] as ApiDeps | undefined;
  if (!deps) throw new Error('API dependencies are not set on the app');
  return deps;
}

/** The principal tsoa's authentication put on the request (see auth/tsoaAuthentication.ts). */
export function principalOf(req: Request): Principal {
  const user = (req as Request & { user?: Principal }).user;
  if (!user) throw new Error('route has no @Security: no principal on the request');
  return user;
}
