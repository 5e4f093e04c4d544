import { SelectorError, describeSpec, parseCriterion, parseSelection, type SelectionCriteria, type SelectionGroup } from '../../../domain/selectors';

describe('parseCriterion', () => {
  it('reads graph operators with depths around a method and its arguments', () => {
    const c = parseCriterion('2+config.materialized:table+3');
    expect(c).toMatchObject({ method: 'config', methodArguments: ['materialized'], value: 'table', parents: true, parentsDepth: 2, children: true, childrenDepth: 3, childrensParents: false, impliedMethod: false });
  });

  it('reads @ and plain + without depth', () => {
    expect(parseCriterion('@orders')).toMatchObject({ childrensParents: true, parents: false, children: false, value: 'orders' });
    expect(parseCriterion('+orders+')).toMatchObject({ parents: true, parentsDepth: null, children: true, childrenDepth: null });
  });

  it.each([
    ['models/staging', 'path'],
    ['stg_orders.sql', 'file'],
    ['load.PY', 'file'],
    ['seed.csv', 'file'],
    ['shop.staging.*', 'fqn'],
    ['orders', 'fqn'],
  ])('gives %s the default method %s', (raw, method) => {
    expect(parseCriterion(raw)).toMatchObject({ method, impliedMethod: true, value: raw });
  });

  it('keeps everything after the first colon as the value', () => {
    expect(parseCriterion('source:raw.orders')).toMatchObject({ method: 'source', value: 'raw.orders' });
    expect(parseCriterion('tag:a:b')).toMatchObject({ method: 'tag', value: 'a:b' });
  });

  it('refuses an unknown method, naming the expression', () => {
    expect(() => parseCriterion('foo:bar')).toThrow(SelectorError);
    try {
      parseCriterion('2+foo.x:bar');
    } catch (err) {
      expect(err).toMatchObject({ code: 'unknown_method', expression: '2+foo.x:bar' });
      expect((err as Error).message).toContain('2+foo.x:bar');
    }
  });

  it('refuses @ together with a + suffix', () => {
    expect(() => parseCriterion('@orders+')).toThrow(expect.objectContaining({ code: 'invalid_spec' }));
  });

  it('refuses a line break', () => {
    expect(() => parseCriterion('a\nb')).toThrow(expect.objectContaining({ code: 'invalid_spec' }));
  });
});

describe('parseSelection', () => {
  it('splits arguments on single spaces (union) and parts on commas (intersection)', () => {
    const spec = parseSelection(['tag:a b,c', 'd'], ['e']);
    const [include, exclude] = spec.components as [SelectionGroup, SelectionGroup];
    expect(include.components.map((i) => (i as SelectionGroup).components.map((c) => (c as SelectionCriteria).raw))).toEqual([['tag:a'], ['b', 'c'], ['d']]);
    expect(exclude.components).toHaveLength(1);
    expect(describeSpec(spec)).toBe('(tag:a b,c d) --exclude e');
  });

  it('uses dbt\'s default includes when nothing is selected', () => {
    const spec = parseSelection(undefined, undefined);
    const include = spec.components[0] as SelectionGroup;
    expect(include.components.map((c) => (c as SelectionGroup).raw)).toEqual(['fqn:*', 'source:*', 'exposure:*', 'metric:*', 'semantic_model:*']);
    expect((spec.components[1] as SelectionGroup).components).toEqual([]);
  });

  it('passes the indirect selection mode to every criterion', () => {
    const spec = parseSelection('a', undefined, 'cautious');
    const criterion = ((spec.components[0] as SelectionGroup).components[0] as SelectionGroup).components[0] as SelectionCriteria;
    expect(criterion.indirectSelection).toBe('cautious');
  });
});
