import { ValidateError } from '@tsoa/runtime';
import { toProblem, HttpProblem, PROBLEM_BASE } from '../../../api/problem';
import { ArtifactError, InputError } from '../../../domain/errors';
import { ConflictError, NotFoundError } from '../../../store/errors';

describe('toProblem maps errors to stable problem types', () => {
  it.each<[string, unknown, number, string]>([
    ['artifact', new ArtifactError('no metadata', 'not_a_dbt_artifact', 'unknown'), 400, 'artifact/not_a_dbt_artifact'],
    ['input', new InputError('bad', 'invalid_input'), 400, 'invalid-input'],
    ['tsoa validation', new ValidateError({ 'body.slug': { message: 'invalid string' } }, 'x'), 400, 'invalid-input'],
    ['not found', new NotFoundError('org', 'x'), 404, 'not-found'],
    ['conflict', new ConflictError('dup', 'duplicate'), 409, 'conflict/duplicate'],
    ['http', new HttpProblem(429, 'rate-limited', 'Too many'), 429, 'rate-limited'],
    ['body-parser json', Object.assign(new SyntaxError('x'), { type: 'entity.parse.failed', status: 400 }), 400, 'malformed-json'],
    ['multer size', Object.assign(new Error('x'), { code: 'LIMIT_FILE_SIZE' }), 413, 'payload-too-large'],
  ])('%s', (_name, err, status, type) => {
    expect(toProblem(err)).toMatchObject({ status, type: PROBLEM_BASE + type });
  });

  it('hides the internals of unexpected errors', () => {
    const p = toProblem(new Error('password=hunter2 at db.ts:12'));
    expect(p).toMatchObject({ status: 500, type: `${PROBLEM_BASE}internal` });
    expect(JSON.stringify(p)).not.toContain('hunter2');
  });
});
