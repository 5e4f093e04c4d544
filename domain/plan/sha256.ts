/**
 * SHA-256 (FIPS 180-4) in plain JS over the UTF-8 bytes of a string: no Node crypto, no WebCrypto
 * (async and absent from the workflow sandbox). The string is encoded chunk by chunk, so hashing
 * a large plan never holds a second copy of it as bytes.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The compression function over the 64-byte block of `bytes` at `offset`. */
function compress(h: Uint32Array, w: Uint32Array, bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const o = offset + 4 * i;
    w[i] = ((bytes[o] as number) << 24) | ((bytes[o + 1] as number) << 16) | ((bytes[o + 2] as number) << 8) | (bytes[o + 3] as number);
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15] as number;
    const y = w[i - 2] as number;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
  }
  let a = h[0] as number, b = h[1] as number, c = h[2] as number, d = h[3] as number;
  let e = h[4] as number, f = h[5] as number, g = h[6] as number, hh = h[7] as number;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + s1 + ch + (K[i] as number) + (w[i] as number)) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (s0 + maj) | 0;
    hh = g; g = f; f = e; e = (d + t1) | 0;
    d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  h[0] = ((h[0] as number) + a) | 0; h[1] = ((h[1] as number) + b) | 0;
  h[2] = ((h[2] as number) + c) | 0; h[3] = ((h[3] as number) + d) | 0;
  h[4] = ((h[4] as number) + e) | 0; h[5] = ((h[5] as number) + f) | 0;
  h[6] = ((h[6] as number) + g) | 0; h[7] = ((h[7] as number) + hh) | 0;
}

/** Characters encoded per chunk: bounds the extra memory while hashing a large plan. */
const CHUNK_CHARS = 1 << 16;

/**
 * Hex SHA-256 of the UTF-8 encoding of `text` (TextEncoder, present in Node, browsers and the
 * Temporal workflow sandbox; lone surrogates encode as U+FFFD). The text is encoded in chunks,
 * never split inside a surrogate pair.
 */
export function sha256Hex(text: string): string {
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const encoder = new TextEncoder();
  const buffer = new Uint8Array(CHUNK_CHARS * 3 + 64);
  let pending = 0;
  let total = 0;
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + CHUNK_CHARS);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    const { written } = encoder.encodeInto(text.slice(at, end), buffer.subarray(pending));
    at = end;
    total += written;
    const available = pending + written;
    const full = available - (available % 64);
    for (let o = 0; o < full; o += 64) compress(h, w, buffer, o);
    buffer.copyWithin(0, full, available);
    pending = available - full;
  }
  // Padding: 0x80, zeros, then the 64-bit big-endian bit length (exact below 2^53 bits).
  const tail = new Uint8Array(pending + 1 + 8 <= 64 ? 64 : 128);
  tail.set(buffer.subarray(0, pending));
  tail[pending] = 0x80;
  const bits = total * 8;
  const high = Math.floor(bits / 0x100000000);
  const low = bits >>> 0;
  const n = tail.length;
  tail[n - 8] = (high >>> 24) & 0xff; tail[n - 7] = (high >>> 16) & 0xff; tail[n - 6] = (high >>> 8) & 0xff; tail[n - 5] = high & 0xff;
  tail[n - 4] = (low >>> 24) & 0xff; tail[n - 3] = (low >>> 16) & 0xff; tail[n - 2] = (low >>> 8) & 0xff; tail[n - 1] = low & 0xff;
  for (let o = 0; o < n; o += 64) compress(h, w, tail, o);
  let hex = '';
  for (const word of h) hex += (word >>> 0).toString(16).padStart(8, '0');
  return hex;
}
