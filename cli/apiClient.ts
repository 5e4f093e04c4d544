import { randomUUID } from 'node:crypto';
import { CliError } from './errors';
import { readUserConfig, type UserConfig } from './userConfig';

/** A call the API refused: one line naming the status, the problem title and its detail. */
export class ApiProblemError extends CliError {
  constructor(
    readonly status: number,
    readonly type: string,
    title: string,
    detail: string,
  ) {
    // Client errors (bad input, not found, conflict, auth) exit 2 like other bad input; server errors 1.
    super(`${title} (${status}): ${detail}`, status >= 400 && status < 500 ? 2 : 1);
    this.name = 'ApiProblemError';
  }
}

export interface RequestOptions {
  readonly json?: unknown;
  readonly form?: FormData;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as `Idempotency-Key`; a network failure is retried with the same key. */
  readonly idempotent?: boolean;
}

/** The logged-in API: its config and typed request helpers. */
export class ApiClient {
  constructor(readonly config: UserConfig) {}

  static fromConfig(): ApiClient {
    return new ApiClient(readUserConfig());
  }

  tenantId(flag?: string): string {
    const id = flag ?? this.config.tenantId;
    if (!id) throw new CliError('no tenant: pass --tenant ID, or log in with --tenant');
    return id;
  }

  /** `/api/v1/tenants/<t>/projects/<p>` from the flags or the saved defaults. */
  projectBase(flags: { tenant?: string; project?: string }): string {
    const project = flags.project ?? this.config.projectId;
    if (!project) throw new CliError('no project: pass --project ID, or log in with --project');
    return `/api/v1/tenants/${this.tenantId(flags.tenant)}/projects/${project}`;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const res = await this.fetch(method, path, options);
    const text = await res.text();
    if (!res.ok) throw problemOf(res.status, text);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** The raw response of a successful call (streams); a problem answer throws ApiProblemError. */
  async stream(path: string): Promise<Response> {
    const res = await this.fetch('GET', path, { headers: { accept: 'text/event-stream' } });
    if (!res.ok) throw problemOf(res.status, await res.text());
    return res;
  }

  private async fetch(method: string, path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.config.token}`, ...options.headers };
    let body: string | FormData | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      body = options.form;
    }
    if (options.idempotent) headers['idempotency-key'] = randomUUID();
    const url = `${this.config.url.replace(/\/$/, '')}${path}`;
    const attempts = options.idempotent ? 3 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetch(url, { method, headers, body });
      } catch (err) {
        if (attempt >= attempts) throw new CliError(`cannot reach ${this.config.url}: ${networkReason(err)}`, 1);
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  }
}

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

function problemOf(status: number, text: string): ApiProblemError {
  try {
    const p = JSON.parse(text) as { type?: string; title?: string; detail?: string };
    return new ApiProblemError(status, p.type ?? 'about:blank', p.title ?? 'Error', p.detail ?? text.slice(0, 200));
  } catch {
    return new ApiProblemError(status, 'about:blank', 'Error', text.slice(0, 200) || 'no body');
  }
}

/** Reads a server-sent event stream, calling `onEvent` per event; resolves when the server ends it. */
export async function readEvents(res: Response, onEvent: (e: { id: string | null; event: string; data: string }) => void): Promise<void> {
  if (!res.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const lines = buffer.slice(0, cut).split('\n').filter((l) => !l.startsWith(':'));
      buffer = buffer.slice(cut + 2);
      if (lines.length === 0) continue;
      const field = (name: string): string | null => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
      onEvent({ id: field('id'), event: field('event') ?? 'message', data: field('data') ?? '' });
    }
  }
}
