import { fnmatch } from '../../../domain/selectors';

// Python's fnmatch.fnmatchcase is the reference: dbt matches names, tags, packages and files with it.
describe('fnmatch', () => {
  it.each([
    ['stg_orders', 'stg_*', true],
    ['stg_orders', 'STG_*', false],
    ['a/b.sql', '*.sql', true], // `*` crosses `/` and `.`
    ['stg_payments', 'stg_?ayments', true],
    ['stg_payments', 'stg_[cp]*', true],
    ['stg_orders', 'stg_[!o]*', false],
    ['stg_orders', 'stg_[!c]*', true],
    ['a[b', 'a[b', true], // an unclosed `[` is a literal
    ['a+b(c)', 'a+b(c)', true], // regex characters are literals
    ['a.b', 'a?b', true],
    ['', '*', true],
    ['x', '', false],
    ['a]', '[]]', false],
    [']', '[]]', true],
    ['abc', '[a-c]bc', true],
    ['-', '[a-]', true],
    ['b', '[z-a]', false], // a reversed range matches nothing, and never throws
  ])('%s ~ %s → %s', (name, pattern, expected) => {
    expect(fnmatch(name, pattern)).toBe(expected);
  });
});
