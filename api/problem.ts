import type { ErrorRequestHandler } from 'express';
import { ValidateError } from '@tsoa/runtime';
import { ArtifactError, InputError } from '../domain/errors';
import { ConflictError, NotFoundError } from '../store/errors';

/** Base of every problem `type`: stable URIs documented in docs/api.md. */
export const PROBLEM_BASE = 'https://sluice.dev/problems/';

/** An error that already knows its HTTP answer (auth, limits, request shape). Only api/ raises it. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    detail?: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly [extension: string]: unknown;
}

/** Maps any error to problem+json fields. Unknown errors are 500 with no internals in the body. */
export function toProblem(err: unknown): Problem {
  if (err instanceof HttpProblem) return { type: PROBLEM_BASE + err.type, title: err.title, status: err.status, detail: err.message, ...err.extra };
  if (err instanceof ArtifactError) {
    return {
      type: `${PROBLEM_BASE}artifact/${err.code}`,
      title: 'Not a readable dbt artifact',
      status: 400,
      detail: err.message,
      artifact: err.artifact,
      nodeId: err.nodeId,
      field: err.field,
    };
  }
  if (err instanceof InputError) return { type: `${PROBLEM_BASE}invalid-input`, title: 'Invalid input', status: 400, detail: err.message, code: err.code };
  if (err instanceof ValidateError) {
    return { type: `${PROBLEM_BASE}invalid-input`, title: 'Invalid input', status: 400, detail: 'the request does not match the API schema', fields: err.fields };
  }
  if (err instanceof NotFoundError) return { type: `${PROBLEM_BASE}not-found`, title: 'Not found', status: 404, detail: err.message };
  if (err instanceof ConflictError) return { type: `${PROBLEM_BASE}conflict/${err.code}`, title: 'Conflict', status: 409, detail: err.message };
  const e = err as { type?: unknown; code?: unknown; status?: unknown };
  // body-parser's errors carry `type`; multer's carry `code`.
  if (e.type === 'entity.parse.failed') return { type: `${PROBLEM_BASE}malformed-json`, title: 'Malformed JSON', status: 400, detail: 'the request body is not valid JSON' };
  if (e.type === 'entity.too.large' || e.code === 'LIMIT_FILE_SIZE') {
    return { type: `${PROBLEM_BASE}payload-too-large`, title: 'Payload too large', status: 413, detail: 'the request is larger than the configured limit' };
  }
  if (typeof e.code === 'string' && e.code.startsWith('LIMIT_')) {
    return { type: `${PROBLEM_BASE}invalid-upload`, title: 'Invalid upload', status: 400, detail: `upload rejected: ${e.code.toLowerCase()}` };
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return { type: `${PROBLEM_BASE}bad-request`, title: 'Bad request', status: e.status, detail: 'the request could not be read' };
  }
  return { type: `${PROBLEM_BASE}internal`, title: 'Internal error', status: 500, detail: 'an unexpected error occurred; see the server log' };
}

/** The one edge that turns errors into `application/problem+json` answers. */
export function problemMiddleware(log: (err: unknown) => void): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const problem = toProblem(err);
    if (problem.status >= 500) log(err);
    res.status(problem.status).type('application/problem+json').json({ ...problem, instance: req.originalUrl.split('?')[0] });
  };
}
