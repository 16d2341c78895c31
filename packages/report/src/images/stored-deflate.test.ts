import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { storedDeflate } from './stored-deflate.js';

describe('storedDeflate', () => {
  it('round-trips through node:zlib, across several blocks and for empty input', () => {
    const data = new Uint8Array(150_000).map((_, i) => (i * 31) % 251);
    expect(new Uint8Array(inflateSync(storedDeflate(data)))).toEqual(data);
    expect(new Uint8Array(inflateSync(storedDeflate(new Uint8Array(0))))).toEqual(
      new Uint8Array(0),
    );
  });
});
