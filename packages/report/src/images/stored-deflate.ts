import { adler32 } from '../internal/checksums.js';
import type { Deflate } from './deflate.js';

/**
 * A {@link Deflate} that stores the data uncompressed (deflate "stored" blocks of ≤ 65,535
 * bytes): valid for every zlib/PNG decoder, needs no compression library (so it works in a
 * browser), but the output is slightly larger than the input. The default of
 * {@link encodeGreyPng}; in Node, `zlibDeflate` from `@latentkit/report/node` compresses.
 */
export const storedDeflate: Deflate = (data) => {
  const blocks = Math.max(1, Math.ceil(data.length / 0xffff));
  const out = new Uint8Array(2 + blocks * 5 + data.length + 4);
  out[0] = 0x78; // deflate, 32 KiB window
  out[1] = 0x01; // no preset dictionary, fastest; (0x78·256 + 0x01) % 31 = 0
  let at = 2;
  for (let b = 0; b < blocks; b++) {
    const start = b * 0xffff;
    const len = Math.min(0xffff, data.length - start);
    out[at] = b === blocks - 1 ? 1 : 0; // BFINAL, BTYPE 00 (stored)
    out[at + 1] = len & 0xff;
    out[at + 2] = len >>> 8;
    out[at + 3] = ~len & 0xff;
    out[at + 4] = (~len >>> 8) & 0xff;
    out.set(data.subarray(start, start + len), at + 5);
    at += 5 + len;
  }
  const sum = adler32(data);
  out[at] = sum >>> 24;
  out[at + 1] = (sum >>> 16) & 0xff;
  out[at + 2] = (sum >>> 8) & 0xff;
  out[at + 3] = sum & 0xff;
  return out;
};
