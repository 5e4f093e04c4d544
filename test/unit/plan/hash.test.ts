import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, planHash } from '../../../domain/plan/canonical';
import { createSha256, sha256Hex } from '../../../domain/plan/sha256';

describe('sha256Hex (pure JS)', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('matches node:crypto on any string, across block boundaries and multi-byte characters', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ minLength: 50, maxLength: 130 })), (s) => {
        expect(sha256Hex(s)).toBe(createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('matches node:crypto on long text whose chunk boundary falls inside a surrogate pair', () => {
    for (const text of ['a'.repeat(65535) + '😀' + 'é'.repeat(70000), 'x'.repeat(65536 * 2 + 13)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
    }
  });
});

describe('createSha256 (incremental)', () => {
  it('gives the digest of the concatenation, however the text is split', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 300 }), { maxLength: 8 }), (parts) => {
        const h = createSha256();
        for (const part of parts) h.update(part);
        expect(h.digestHex()).toBe(sha256Hex(parts.join('')));
      }),
      { numRuns: 200 },
    );
  });
});

/** The general path alone: a key-sorting replacer (what canonicalJson did before its fast path). */
function sortedReference(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

describe('canonicalJson', () => {
  it('the native fast path (keys already in order) and the general path write the same text', () => {
    // Keys include integer-like ones, which objects enumerate first whatever the insertion order.
    const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('0', '1', '10', '9', 'a', 'B', '_'));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        const sortedCopy = JSON.parse(sortedReference(value)) as unknown;
        expect(canonicalJson(value)).toBe(sortedReference(value));
        expect(canonicalJson(sortedCopy)).toBe(sortedReference(value));
      }),
      { numRuns: 500 },
    );
  });

  it('takes the general path for an object with a toJSON and for unsorted keys', () => {
    expect(canonicalJson({ b: 1, a: { toJSON: () => ({ d: 1, c: 2 }) } })).toBe('{"a":{"c":2,"d":1},"b":1}');
    expect(canonicalJson([{ z: 1, y: [{ b: 2, a: 1 }] }])).toBe('[{"y":[{"a":1,"b":2}],"z":1}]');
  });

  it('does not depend on key order and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], e: true })).toBe('{"a":[{"c":"x","d":null}],"b":1,"e":true}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('rejects what JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow('"a" is undefined');
    expect(() => canonicalJson({ a: [NaN] })).toThrow('"0" is not a finite number');
    expect(() => canonicalJson({ m: new Map() })).toThrow('"m" is not a plain object');
  });

  it('a plan hash streams large arrays in batches and still hashes exactly the canonical JSON', () => {
    const nodes = Array.from({ length: 1300 }, (_, i) => ({ action: 'RUN', reasons: [{ text: `é ${i}` }], uniqueId: `model.p.n${i}` }));
    for (const plan of [{ id: 'x', nodes }, { nodes, id: 'x' }, { id: 'x', nodes: nodes.slice(0, 512) }, { id: 'x', nodes: [] }]) {
      expect(planHash(plan as never)).toBe(createHash('sha256').update(canonicalJson(plan), 'utf8').digest('hex'));
    }
  });

  it('a plan hash ignores the hash field and changes with any content', () => {
    const plan = { id: 'x', nodes: [{ uniqueId: 'a' }] } as never;
    expect(planHash({ ...(plan as object), hash: 'whatever' } as never)).toBe(planHash(plan));
    expect(planHash({ id: 'x', nodes: [{ uniqueId: 'b' }] } as never)).not.toBe(planHash(plan));
  });
});
