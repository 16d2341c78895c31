import { describe, expect, it } from 'vitest';
import { IdxFormatError } from '../errors/idx-format-error.js';
import { decodeIdx } from './decode-idx.js';
import { encodeIdx } from './encode-idx.js';
import { gunzip, isGzip } from './gunzip.js';

/** gzip with the web-standard CompressionStream (global in Node ≥ 18 and browsers). */
async function gzipWeb(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes.slice()]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const sample = encodeIdx({
  dtype: 'uint8',
  dims: [5, 4, 3],
  data: Uint8Array.from({ length: 60 }, (_, i) => (i * 13) & 0xff),
});

describe('decodeIdx / gunzip (browser path, DecompressionStream)', () => {
  it('decodes gzipped IDX to the same array as the plain bytes', async () => {
    const gz = await gzipWeb(sample);
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(sample)).toBe(false);
    const fromGz = await decodeIdx(gz);
    const plain = await decodeIdx(sample);
    expect(fromGz.dims).toEqual([5, 4, 3]);
    expect(fromGz.data).toEqual(plain.data);
    expect(encodeIdx(fromGz)).toEqual(sample);
  });

  it('refuses a truncated or corrupt gzip stream with IdxFormatError', async () => {
    const gz = await gzipWeb(sample);
    await expect(decodeIdx(gz.subarray(0, gz.length - 12))).rejects.toMatchObject({
      problem: 'gzip',
    });
    const corrupt = gz.slice();
    corrupt[12] = corrupt[12]! ^ 0xff;
    corrupt[13] = corrupt[13]! ^ 0xff;
    await expect(decodeIdx(corrupt)).rejects.toBeInstanceOf(IdxFormatError);
  });

  it('stops at maxBytes', async () => {
    const big = await gzipWeb(new Uint8Array(1 << 20));
    await expect(gunzip(big, { maxBytes: 1000 })).rejects.toThrow(/maxBytes/);
    expect((await gunzip(big)).length).toBe(1 << 20);
  });

  it('reports a corrupt IDX payload inside a valid gzip stream', async () => {
    const gz = await gzipWeb(sample.subarray(0, 30));
    await expect(decodeIdx(gz)).rejects.toMatchObject({ problem: 'size-mismatch' });
  });
});
