import { describe, expect, it } from 'vitest';
import { adler32, crc32 } from './checksums.js';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('checksums', () => {
  it('match the published check values', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(adler32(ascii('Wikipedia'))).toBe(0x11e60398);
    expect(crc32(ascii('6789'), crc32(ascii('12345')))).toBe(0xcbf43926);
  });
});
