import { InputError } from '../errors';
import { createSha256 } from './sha256';
import type { ExecutionPlan, UnhashedPlan } from './types';

/**
 * Canonical JSON: object keys in code-unit order, no whitespace, arrays in their order, numbers as
 * JSON.stringify writes them (shortest round-trip form, so equal numbers give equal text; -0 is 0).
 * Rejects what JSON cannot carry faithfully (undefined, NaN, Infinity, functions, Maps, ...).
 *
 * Fast path: one walk checks that the value is plain JSON data whose objects already list their
 * keys in order (the engine builds plans that way), then the native JSON.stringify writes it.
 * Anything else (unsorted keys, a plan read back from storage, invalid values) takes the general
 * path: JSON.stringify with a key-sorting replacer, which also produces the errors.
 */
export function canonicalJson(value: unknown): string {
  return isCanonicalReady(value) ? JSON.stringify(value) : sortedJson(value);
}

/** True when `value` is plain JSON data with every object's keys already in canonical order. */
function isCanonicalReady(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        if (typeof (value as unknown as Record<string, unknown>)['toJSON'] === 'function') return false;
        for (let i = 0; i < value.length; i++) if (!isCanonicalReady(value[i])) return false;
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      const record = value as Record<string, unknown>;
      // An own toJSON would replace the object in JSON.stringify; leave that to the general path.
      if (typeof record['toJSON'] === 'function') return false;
      let previous = '';
      let first = true;
      for (const key in record) {
        // Integer-like keys enumerate first in numeric order, not code-unit order.
        if (!first && previous >= key) return false;
        if (!isCanonicalReady(record[key])) return false;
        previous = key;
        first = false;
      }
      return true;
    }
    default:
      return false;
  }
}

function sortedJson(value: unknown): string {
  return JSON.stringify(value, function replacer(this: unknown, key: string, v: unknown): unknown {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        if (!Number.isFinite(v)) throw new InputError(`canonical JSON: ${describe(key)} is not a finite number`, 'not_canonical');
        return v;
      case 'object': {
        if (v === null || Array.isArray(v)) return v;
        const proto: unknown = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) throw new InputError(`canonical JSON: ${describe(key)} is not a plain object`, 'not_canonical');
        const keys = Object.keys(v);
        if (isSorted(keys)) return v;
        const sorted: Record<string, unknown> = {};
        for (const k of keys.sort()) sorted[k] = (v as Record<string, unknown>)[k];
        return sorted;
      }
      case 'undefined':
      case 'function':
      case 'symbol':
      case 'bigint':
        throw new InputError(`canonical JSON: ${describe(key)} is ${typeof v}`, 'not_canonical');
      default: {
        const unreachable: never = typeof v as never;
        throw new Error(`unreachable: ${String(unreachable)}`);
      }
    }
  });
}

const describe = (key: string): string => (key === '' ? 'the value' : `"${key}"`);

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}

/** Array elements written per JSON.stringify call when streaming a large canonical-ready array. */
const BATCH = 512;

/**
 * Feeds the canonical JSON of a canonical-ready value to `write` in pieces of moderate size: the
 * text is the same as JSON.stringify(value), but a 100k-node plan never becomes one 100 MB string
 * (which would be allocated, flattened and encoded whole, and push the heap into full GCs).
 */
function writeCanonicalReady(value: unknown, write: (text: string) => void, depth: number): void {
  if (depth < 2 && typeof value === 'object' && value !== null) {
    if (Array.isArray(value)) {
      if (value.length <= BATCH) {
        write(JSON.stringify(value));
        return;
      }
      write('[');
      for (let i = 0; i < value.length; i += BATCH) {
        const text = JSON.stringify(value.slice(i, i + BATCH));
        write(i === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`);
      }
      write(']');
      return;
    }
    const record = value as Record<string, unknown>;
    let first = true;
    write('{');
    for (const key in record) {
      write(`${first ? '' : ','}${JSON.stringify(key)}:`);
      writeCanonicalReady(record[key], write, depth + 1);
      first = false;
    }
    write('}');
    return;
  }
  write(JSON.stringify(value));
}

/** The content hash of a plan: sha256 of the canonical JSON of everything but `hash`. */
export function planHash(plan: UnhashedPlan | ExecutionPlan): string {
  const { hash: _ignored, ...rest } = plan as ExecutionPlan;
  const hasher = createSha256();
  if (isCanonicalReady(rest)) writeCanonicalReady(rest, (text) => hasher.update(text), 0);
  else hasher.update(sortedJson(rest));
  return hasher.digestHex();
}

/** Adds the content hash; the only way the engine finishes a plan. */
export function sealPlan(plan: UnhashedPlan): ExecutionPlan {
  const hash = planHash(plan);
  // `hash` goes where canonical order puts it, so the sealed plan is canonical-ready too.
  const sealed: Record<string, unknown> = {};
  let placed = false;
  for (const [key, value] of Object.entries(plan)) {
    if (key === 'hash') continue;
    if (!placed && key > 'hash') {
      sealed['hash'] = hash;
      placed = true;
    }
    sealed[key] = value;
  }
  if (!placed) sealed['hash'] = hash;
  return sealed as unknown as ExecutionPlan;
}

/** True when the plan's `hash` matches its content (an approval is for that hash only). */
export function verifyPlanHash(plan: ExecutionPlan): boolean {
  return planHash(plan) === plan.hash;
}
