import { fnmatch } from './fnmatch';

const WILDCARD = /[*?[\]]/;

/** An fqn with dots inside names split too (dbt treats them as separators), computed once per fqn. */
const flatCache = new WeakMap<readonly string[], { readonly scoped: readonly string[]; readonly unscoped: readonly string[] }>();

function flattened(fqn: readonly string[]): { readonly scoped: readonly string[]; readonly unscoped: readonly string[] } {
  let cached = flatCache.get(fqn);
  if (cached === undefined) {
    const scoped = fqn.flatMap((segment) => segment.split('.'));
    const unscoped = fqn.slice(1).flatMap((segment) => segment.split('.'));
    cached = { scoped, unscoped };
    flatCache.set(fqn, cached);
  }
  return cached;
}

/** A parsed fqn selector: its dotted parts and where its first wildcard part is. */
interface FqnSelector {
  readonly raw: string;
  readonly parts: readonly string[];
  readonly wildcardAt: number;
  readonly tail: string;
  readonly versionKey: string;
}

function parseSelector(raw: string): FqnSelector {
  const parts = raw.split('.');
  const wildcardAt = parts.findIndex((part) => WILDCARD.test(part));
  return { raw, parts, wildcardAt, tail: wildcardAt >= 0 ? parts.slice(wildcardAt).join('.') : '', versionKey: parts.slice(-2).join('_') };
}

/**
 * dbt's fqn matching of one selector against one fqn (with or without its package): the leaf
 * name, a dotted prefix of the fqn, or a wildcard pattern from its first wildcard part on. A
 * versioned model also matches by its model name and by `name_vN` / `name.vN`.
 */
function isSelected(fqn: readonly string[], flat: readonly string[], selector: FqnSelector, versioned: boolean): boolean {
  const last = fqn[fqn.length - 1];
  const beforeLast = fqn[fqn.length - 2];
  if (versioned) {
    if (beforeLast === selector.raw) return true;
    if (fqn.slice(-2).join('_') === selector.versionKey) return true;
  } else if (last === selector.raw) {
    return true;
  }
  const { parts, wildcardAt } = selector;
  if (flat.length < parts.length) return false;
  const prefix = wildcardAt >= 0 ? wildcardAt : parts.length;
  for (let i = 0; i < prefix; i++) if (flat[i] !== parts[i]) return false;
  if (wildcardAt < 0) return true;
  // `*` matches any rest: skip building the string.
  if (selector.tail === '*' || fnmatch(flat.slice(wildcardAt).join('.'), selector.tail)) return true;
  // A bare wildcard also matches the leaf (the model name for a versioned model).
  if (parts.length === 1) return fnmatch((versioned ? beforeLast : last) ?? '', selector.raw);
  return false;
}

/** A matcher for one selector: true for an fqn in its own package or, without it, across packages. */
export function fqnMatcher(raw: string): (fqn: readonly string[], versioned: boolean) => boolean {
  const selector = parseSelector(raw);
  return (fqn, versioned) => {
    const { scoped, unscoped } = flattened(fqn);
    return isSelected(fqn, scoped, selector, versioned) || isSelected(fqn.slice(1), unscoped, selector, versioned);
  };
}
