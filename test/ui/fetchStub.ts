// The HTTP boundary of UI tests: import this module before anything that imports the API client
// (openapi-fetch keeps the `fetch` it finds when the client is created), then answer requests with
// `answerWith`. Every request is recorded. Needs test/ui/jsdomFetchEnvironment.js (Request, Response).

export interface Answer {
  readonly status?: number;
  readonly body: unknown;
}

/** Answers a request (method, path without the origin, query) or returns undefined for a 404. */
export type Router = (req: { method: string; path: string; query: URLSearchParams }) => Answer | Promise<Answer> | undefined;

export const requests: string[] = [];
let router: Router = () => undefined;

export function answerWith(next: Router): void {
  router = next;
  requests.length = 0;
}

async function stubFetch(input: Request): Promise<Response> {
  const url = new URL(input.url);
  requests.push(`${input.method} ${url.pathname}${url.search}`);
  const answer = await router({ method: input.method, path: url.pathname, query: url.searchParams });
  const status = answer?.status ?? (answer ? 200 : 404);
  const body = answer ? answer.body : { type: 'https://sluice.dev/problems/not-found', title: 'Not found', status: 404, detail: `no stub for ${url.pathname}` };
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

Object.assign(globalThis, { fetch: stubFetch });
