/**
 * SHA-256 (FIPS 180-4) in plain JS over the UTF-8 bytes of a string: no Node crypto, no WebCrypto
 * (async and absent from the workflow sandbox). Text is encoded into a fixed 48 KiB buffer and
 * compressed block by block as it arrives, so hashing a large plan never holds a second copy of
 * it as bytes, and `createSha256` can hash text handed over in pieces.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** Compresses every whole 64-byte block of bytes[0, end) into `h`; `w` is the message schedule. */
function compressBlocks(h: Int32Array, w: Int32Array, bytes: Uint8Array, end: number): void {
  let h0 = h[0] as number, h1 = h[1] as number, h2 = h[2] as number, h3 = h[3] as number;
  let h4 = h[4] as number, h5 = h[5] as number, h6 = h[6] as number, h7 = h[7] as number;
  for (let off = 0; off + 64 <= end; off += 64) {
    for (let i = 0, o = off; i < 16; i++, o += 4) {
      w[i] = ((bytes[o] as number) << 24) | ((bytes[o + 1] as number) << 16) | ((bytes[o + 2] as number) << 8) | (bytes[o + 3] as number);
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15] as number;
      const y = w[i - 2] as number;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, hh = h7;
    for (let i = 0; i < 64; i++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (hh + s1 + ((e & f) ^ (~e & g)) + (K[i] as number) + (w[i] as number)) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0;
      d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + hh) | 0;
  }
  h[0] = h0; h[1] = h1; h[2] = h2; h[3] = h3; h[4] = h4; h[5] = h5; h[6] = h6; h[7] = h7;
}

/** Characters encoded at once: at most 3 bytes each in UTF-8, so they always fit the buffer. */
const CHUNK_CHARS = 1 << 14;
const BUFFER_BYTES = CHUNK_CHARS * 3 + 64;

export interface Sha256 {
  /** Appends the UTF-8 encoding of `text`. A surrogate pair split across two calls is not rejoined. */
  update(text: string): Sha256;
  /** The hex digest; the hasher cannot be used afterwards. */
  digestHex(): string;
}

/**
 * An incremental hasher over UTF-8 text (TextEncoder, present in Node, browsers and the Temporal
 * workflow sandbox; lone surrogates encode as U+FFFD). Text is encoded in chunks, never split
 * inside a surrogate pair.
 */
export function createSha256(): Sha256 {
  const h = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Int32Array(64);
  const encoder = new TextEncoder();
  const buffer = new Uint8Array(BUFFER_BYTES);
  let pending = 0;
  let total = 0;
  const hasher: Sha256 = {
    update(text) {
      for (let at = 0; at < text.length; ) {
        let end = Math.min(text.length, at + CHUNK_CHARS);
        const last = text.charCodeAt(end - 1);
        if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
        const { written } = encoder.encodeInto(at === 0 && end === text.length ? text : text.slice(at, end), buffer.subarray(pending));
        at = end;
        total += written;
        const available = pending + written;
        const full = available - (available % 64);
        compressBlocks(h, w, buffer, full);
        buffer.copyWithin(0, full, available);
        pending = available - full;
      }
      return hasher;
    },
    digestHex() {
      // Padding: 0x80, zeros, then the 64-bit big-endian bit length (exact below 2^53 bits).
      const n = pending + 1 + 8 <= 64 ? 64 : 128;
      buffer.fill(0, pending, n);
      buffer[pending] = 0x80;
      const bits = total * 8;
      const high = Math.floor(bits / 0x100000000);
      const low = bits >>> 0;
      buffer[n - 8] = (high >>> 24) & 0xff; buffer[n - 7] = (high >>> 16) & 0xff; buffer[n - 6] = (high >>> 8) & 0xff; buffer[n - 5] = high & 0xff;
      buffer[n - 4] = (low >>> 24) & 0xff; buffer[n - 3] = (low >>> 16) & 0xff; buffer[n - 2] = (low >>> 8) & 0xff; buffer[n - 1] = low & 0xff;
      compressBlocks(h, w, buffer, n);
      let hex = '';
      for (const word of h) hex += (word >>> 0).toString(16).padStart(8, '0');
      return hex;
    },
  };
  return hasher;
}

/** Hex SHA-256 of the UTF-8 encoding of `text`. */
export function sha256Hex(text: string): string {
  return createSha256().update(text).digestHex();
}
