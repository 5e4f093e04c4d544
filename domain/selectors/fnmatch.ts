/**
 * Python's `fnmatch.fnmatchcase` (what dbt uses on POSIX): `*` matches anything including `/` and
 * `.`, `?` one character, `[seq]` / `[!seq]` a set; an unclosed `[` is a literal. Case-sensitive.
 */
const cache = new Map<string, RegExp>();

const escape = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

function translate(pattern: string): string {
  let out = '';
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i] as string;
    i += 1;
    if (c === '*') {
      // Consecutive stars mean the same as one.
      while (pattern[i] === '*') i += 1;
      out += '[\\s\\S]*';
    } else if (c === '?') {
      out += '[\\s\\S]';
    } else if (c === '[') {
      let j = i;
      if (pattern[j] === '!') j += 1;
      if (pattern[j] === ']') j += 1;
      while (j < n && pattern[j] !== ']') j += 1;
      if (j >= n) {
        out += '\\[';
      } else {
        let body = pattern.slice(i, j);
        i = j + 1;
        let negate = false;
        if (body.startsWith('!')) {
          negate = true;
          body = body.slice(1);
        }
        const escaped = body.replace(/\\/g, '\\\\').replace(/\]/g, '\\]').replace(/\^/g, '\\^');
        // A negated set never matches nothing at all; an empty positive set cannot be written.
        out += negate ? `[^${escaped}]` : `[${escaped}]`;
      }
    } else {
      out += escape(c);
    }
  }
  return `^(?:${out})$`;
}

/** True when `name` matches the shell-style `pattern`, as Python's fnmatchcase decides. */
export function fnmatch(name: string, pattern: string): boolean {
  let re = cache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(translate(pattern), 'u');
    } catch {
      // A set JavaScript cannot compile (a reversed range such as `[z-a]`) is empty in Python too.
      re = /(?!)/;
    }
    if (cache.size > 4096) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(name);
}

/** True when the pattern has a wildcard that fnmatch interprets. */
export function hasWildcard(pattern: string): boolean {
  return /[*?[\]]/.test(pattern);
}
