/**
 * What the serving API process tells the page (api/ui.ts writes it into index.html as
 * `<meta name="sluice-config" content="{json}">`): the Temporal Web UI address and local admin mode.
 */
export interface ServerConfig {
  readonly temporalUiUrl: string | null;
  readonly localAdmin: boolean;
}

export function readServerConfig(doc: Document = document): ServerConfig {
  const raw = doc.querySelector('meta[name="sluice-config"]')?.getAttribute('content');
  try {
    const parsed = JSON.parse(raw ?? '{}') as Partial<ServerConfig>;
    return { temporalUiUrl: typeof parsed.temporalUiUrl === 'string' ? parsed.temporalUiUrl : null, localAdmin: parsed.localAdmin === true };
  } catch {
    return { temporalUiUrl: null, localAdmin: false };
  }
}
