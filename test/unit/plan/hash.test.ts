import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, planHash } from '../../../domain/plan/canonical';
import { sha256Hex } from '../../../domain/plan/sha256';

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

describe('canonicalJson', () => {
  it('does not depend on key order and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], e: true })).toBe('{"a":[{"c":"x","d":null}],"b":1,"e":true}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('rejects what JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow('"a" is undefined');
    expect(() => canonicalJson({ a: [NaN] })).toThrow('"0" is not a finite number');
    expect(() => canonicalJson({ m: new Map() })).toThrow('"m" is not a plain object');
  });

  it('a plan hash ignores the hash field and changes with any content', () => {
    const plan = { id: 'x', nodes: [{ uniqueId: 'a' }] } as never;
    expect(planHash({ ...(plan as object), hash: 'whatever' } as never)).toBe(planHash(plan));
    expect(planHash({ id: 'x', nodes: [{ uniqueId: 'b' }] } as never)).not.toBe(planHash(plan));
  });
});
