import { sha1, toHex } from '../../../domain/ids/sha1';
import { utf8Encode } from '../../../domain/ids/utf8';
import { nodeUuid, projectNamespace, SLUICE_PROJECT_NAMESPACE, URL_NAMESPACE, uuidV5 } from '../../../domain/ids/uuid';

const hex = (text: string): string => toHex(sha1(utf8Encode(text)));

describe('sha1 (pure JS)', () => {
  it('matches the FIPS 180 test vectors', () => {
    expect(hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    expect(hex('a'.repeat(1_000_000))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
  });

  it('hashes multi-byte UTF-8 as Python hashlib does', () => {
    // python3: hashlib.sha1(('a'*1000+'é😀').encode()).hexdigest()
    expect(hex(`${'a'.repeat(1000)}é😀`)).toBe('e52f2f4e4a2a7c9619ec8634a763162aa1452e52');
  });
});

describe('uuidV5', () => {
  it('matches RFC 9562 / Python uuid.uuid5', () => {
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidV5('https://sluice.dev/ns/project', URL_NAMESPACE)).toBe(SLUICE_PROJECT_NAMESPACE);
  });

  it('derives node uuids from project id + unique_id, as Python computes them', () => {
    // python3: uuid5(uuid5(UUID(SLUICE_PROJECT_NAMESPACE), project), unique_id)
    expect(nodeUuid('jaffle_shop', 'model.jaffle_shop.orders')).toBe('ba07ea42-abdc-5c62-8169-6c4dd3e3d60e');
    expect(nodeUuid('06e5b98c2db46f8a72cc4f66410e9b3b', 'model.x.ünï')).toBe('3ff3a511-6e5d-5975-82bb-aaca7a279862');
    expect(nodeUuid('other_project', 'model.jaffle_shop.orders')).not.toBe(nodeUuid('jaffle_shop', 'model.jaffle_shop.orders'));
    expect(projectNamespace('jaffle_shop')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('rejects a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow('not a UUID');
  });
});
