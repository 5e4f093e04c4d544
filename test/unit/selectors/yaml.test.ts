import { SelectorError, parseYamlSelector, type SelectionCriteria, type SelectionGroup } from '../../../domain/selectors';
import { yamlSelectors } from './fixture';

describe('parseYamlSelector', () => {
  it('reads union with an exclude as a difference', () => {
    const spec = parseYamlSelector(yamlSelectors({ s: { union: [{ method: 'tag', value: 'a' }, 'b', { exclude: ['c'] }] } }), 's') as SelectionGroup;
    expect(spec.type).toBe('difference');
    const [union, exclude] = spec.components as [SelectionGroup, SelectionCriteria];
    expect(union.type).toBe('union');
    expect(union.components).toHaveLength(2);
    expect(exclude).toMatchObject({ method: 'fqn', value: 'c' });
  });

  it('reads the full criterion form, depths and indirect selection', () => {
    const spec = parseYamlSelector(
      yamlSelectors({ s: { method: 'config.materialized', value: 'table', parents: true, parents_depth: 2, children: true, children_depth: 1, indirect_selection: 'buildable' } }),
      's',
    );
    expect(spec).toMatchObject({ method: 'config', methodArguments: ['materialized'], parentsDepth: 2, childrenDepth: 1, indirectSelection: 'buildable' });
  });

  it('reads a one-key dict as method: value, and a string without splitting it', () => {
    expect(parseYamlSelector(yamlSelectors({ s: { tag: 'nightly' } }), 's')).toMatchObject({ method: 'tag', value: 'nightly' });
    expect(parseYamlSelector(yamlSelectors({ s: 'tag:a tag:b' }), 's')).toMatchObject({ method: 'tag', value: 'a tag:b' });
  });

  it('resolves method: selector and refuses cycles and unknown names', () => {
    const selectors = yamlSelectors({ a: 'tag:x', b: { union: [{ method: 'selector', value: 'a' }] }, loop: { union: [{ method: 'selector', value: 'loop' }, 'x'] } });
    expect(((parseYamlSelector(selectors, 'b') as SelectionGroup).components[0] as SelectionCriteria).value).toBe('x');
    expect(() => parseYamlSelector(selectors, 'loop')).toThrow(/refers to itself/);
    expect(() => parseYamlSelector(selectors, 'nope')).toThrow(expect.objectContaining({ code: 'unknown_selector' }));
  });

  it.each([
    [{ union: ['a'], intersection: ['b'] }, /only a single 'union' or 'intersection'/],
    [{ union: ['a', { exclude: ['b'] }, { exclude: ['c'] }] }, /multiple exclude/],
    [{ union: 'a' }, /expected a list/],
    [{ method: 'tag', parents: true }, /expected either 1 key or else "method" and "value"/],
    [{ method: 'nope', value: 'x' }, /'nope' is not a valid method name/],
    [{ method: 'fqn', value: 'a', children: true, childrens_parents: true }, /incompatible/],
    [{ method: 'fqn', value: 'a', indirect_selection: 'sometimes' }, /indirect_selection/],
    [42, /expected union, intersection, a string or a dict/],
  ])('refuses %j', (definition, message) => {
    expect(() => parseYamlSelector(yamlSelectors({ s: definition }), 's')).toThrow(SelectorError);
    expect(() => parseYamlSelector(yamlSelectors({ s: definition }), 's')).toThrow(message);
  });
});
