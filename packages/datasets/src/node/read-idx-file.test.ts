import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetUnavailableError } from '../errors/dataset-unavailable-error.js';
import { IdxFormatError } from '../errors/idx-format-error.js';
import { decodeIdx } from '../idx/decode-idx.js';
import { encodeIdx } from '../idx/encode-idx.js';
import { decodeIdxSync, readIdxFile, readIdxFileSync } from './read-idx-file.js';

const array = {
  dtype: 'float32' as const,
  dims: [4, 5],
  data: Float32Array.from({ length: 20 }, (_, i) => Math.sin(i) * 1e3),
};
const plain = encodeIdx(array);

describe('IDX files in Node (node:zlib)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'latentkit-idx-'));
    writeFileSync(join(dir, 'a.idx'), plain);
    writeFileSync(join(dir, 'a.idx.gz'), gzipSync(plain));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips gzipped IDX: gzipSync → readIdxFile gives the original array', async () => {
    const fromGz = await readIdxFile(join(dir, 'a.idx.gz'));
    expect(fromGz.dims).toEqual([4, 5]);
    expect(fromGz.data).toEqual(array.data);
    expect(encodeIdx(fromGz)).toEqual(plain);
    expect(readIdxFileSync(join(dir, 'a.idx')).data).toEqual(array.data);
  });

  it('agrees with the browser path (DecompressionStream) on the same gzip bytes', async () => {
    const gz = gzipSync(plain);
    expect((await decodeIdx(gz)).data).toEqual(decodeIdxSync(gz).data);
  });

  it('refuses corrupt gzip, oversize output and missing files with typed errors', async () => {
    const gz = gzipSync(plain);
    expect(() => decodeIdxSync(gz.subarray(0, gz.length - 10))).toThrow(IdxFormatError);
    expect(() => decodeIdxSync(gzipSync(new Uint8Array(1 << 20)), { maxBytes: 4096 })).toThrow(
      /maxBytes/,
    );
    await expect(readIdxFile(join(dir, 'missing.idx'))).rejects.toThrow(DatasetUnavailableError);
    expect(() => readIdxFileSync(join(dir, 'missing.idx'))).toThrow(DatasetUnavailableError);
  });
});
