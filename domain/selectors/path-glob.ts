import type { DbtNode } from '../artifacts/types';
import { SelectorError } from './errors';
import { fnmatch } from './fnmatch';
import type { SelectionUniverse } from './universe';

/**
 * dbt's `path` method globs the selector in the root project's folder and selects a node when its
 * file, its YAML patch file or one of their folders is among the matches. Sluice has no file
 * system here, so it globs over the files the root project's nodes name (and their folders): the
 * same answer for every path that holds a node, which is the only kind a selection can match.
 */
interface FileIndex {
  /** Every known file and folder ('' is the project folder itself) → is it a folder. */
  readonly entries: ReadonlyMap<string, boolean>;
  /** Per node: its file, its YAML patch file and the folders that hold its file. */
  readonly nodes: ReadonlyMap<string, NodeFiles>;
}

interface NodeFiles {
  readonly file: string;
  readonly patch: string | null;
  readonly folders: readonly string[];
}

const indexes = new WeakMap<SelectionUniverse, FileIndex>();

export function patchPathOf(node: DbtNode): string | null {
  const value = node.extra['patch_path'];
  if (typeof value !== 'string') return null;
  const at = value.indexOf('://');
  return at >= 0 ? value.slice(at + 3) : value;
}

/** '' (the project folder) and every folder above `path`: `a/b/c.sql` → ['', 'a', 'a/b']. */
function ancestors(path: string): string[] {
  const out: string[] = [''];
  for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) out.push(path.slice(0, at));
  return out;
}

function fileIndex(universe: SelectionUniverse): FileIndex {
  const cached = indexes.get(universe);
  if (cached) return cached;
  const entries = new Map<string, boolean>([['', true]]);
  const nodes = new Map<string, NodeFiles>();
  for (const [id, node] of universe.nodes) {
    const file = normalize(node.originalFilePath ?? '');
    const patchPath = patchPathOf(node);
    const patch = patchPath === null ? null : normalize(patchPath);
    nodes.set(id, { file, patch, folders: file === '' ? [] : ancestors(file) });
    if (universe.rootProject !== null && node.packageName !== universe.rootProject) continue;
    for (const known of [file, patch]) {
      if (!known) continue;
      if (!entries.has(known)) entries.set(known, false);
      for (const folder of ancestors(known)) entries.set(folder, true);
    }
  }
  const index = { entries, nodes };
  indexes.set(universe, index);
  return index;
}

function normalize(path: string): string {
  if (!path.includes('//') && !path.startsWith('./') && !path.includes('/./') && !path.endsWith('/') && !path.startsWith('/') && path !== '.') return path;
  return path.split('/').filter((part) => part !== '' && part !== '.').join('/');
}

/** pathlib-style matching of path parts: `**` is zero or more folders, other parts are fnmatch. */
function matchParts(pattern: readonly string[], parts: readonly string[], isFolder: boolean, p = 0, i = 0): boolean {
  if (p === pattern.length) return i === parts.length;
  const head = pattern[p] as string;
  if (head === '**') {
    // `**` only walks folders: every part it swallows, and the entry itself when it ends the pattern.
    for (let k = i; k <= parts.length; k++) {
      if (p + 1 === pattern.length && k === parts.length && !isFolder) return false;
      if (matchParts(pattern, parts, isFolder, p + 1, k)) return true;
    }
    return false;
  }
  if (i >= parts.length) return false;
  return fnmatch(parts[i] as string, head) && matchParts(pattern, parts, isFolder, p + 1, i + 1);
}

function globbed(universe: SelectionUniverse, selector: string): Set<string> {
  if (selector.startsWith('/')) {
    throw new SelectorError(`Non-relative patterns are unsupported in selector "path:${selector}"`, 'invalid_value', `path:${selector}`);
  }
  const pattern = selector.split('/').filter((part) => part !== '' && part !== '.');
  if (pattern.length === 0) {
    throw new SelectorError(`Unacceptable pattern in selector "path:${selector}"`, 'invalid_value', `path:${selector}`);
  }
  const matches = new Set<string>();
  for (const [entry, isFolder] of fileIndex(universe).entries) {
    const parts = entry === '' ? [] : entry.split('/');
    if (matchParts(pattern, parts, isFolder)) matches.add(entry);
  }
  return matches;
}

export function searchPath(universe: SelectionUniverse, ids: readonly string[], selector: string): Set<string> {
  const paths = globbed(universe, selector);
  const out = new Set<string>();
  if (paths.size === 0) return out;
  const files = fileIndex(universe).nodes;
  for (const id of ids) {
    const node = files.get(id);
    if (!node) continue;
    if (paths.has(node.file) || (node.patch !== null && paths.has(node.patch)) || node.folders.some((folder) => paths.has(folder))) out.add(id);
  }
  return out;
}
