import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zlibDeflate } from './zlib-deflate.js';

describe('zlibDeflate', () => {
  it('compresses a zlib stream that inflates back', () => {
    const data = new Uint8Array(10_000).fill(128);
    const packed = zlibDeflate(data);
    expect(packed.length).toBeLessThan(200);
    expect(new Uint8Array(inflateSync(packed))).toEqual(data);
  });
});
