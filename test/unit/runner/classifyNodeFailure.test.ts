import { failureKinds, redactSecrets } from '../../../adapters/runner';
import { classifyNodeFailure } from '../../../activities/node/classifyNodeFailure';

test('deterministic failures are non-retryable, warehouse and runner hiccups are retryable', () => {
  const retryable = failureKinds.filter((k) => classifyNodeFailure(k).retryable);
  expect(retryable.sort()).toEqual(['canceled', 'connection', 'internal', 'runner_crashed', 'runner_timeout', 'transient']);
  expect(classifyNodeFailure('compilation')).toEqual({ type: 'DbtCompilationError', retryable: false });
  expect(classifyNodeFailure('test_failure')).toEqual({ type: 'DbtTestFailure', retryable: false });
  expect(new Set(failureKinds.map((k) => classifyNodeFailure(k).type)).size).toBe(failureKinds.length);
});

test('redactSecrets masks every occurrence, longest secret first', () => {
  expect(redactSecrets('pw=abcd1234 again abcd1234, short abcd', ['abcd', 'abcd1234'])).toBe('pw=*** again ***, short ***');
  expect(redactSecrets('nothing here', [])).toBe('nothing here');
});
