import { describe, expect, it } from 'vitest';
import { dataFingerprint, fingerprintMismatch, SAMPLED_ROWS } from './data-fingerprint.js';

const rows = (n: number, rowSize: number) =>
  Float32Array.from({ length: n * rowSize }, (_, i) => Math.sin(i));

describe('dataFingerprint', () => {
  it('is a pure function of size, dtype, labels and the sampled rows', () => {
    const x = rows(200, 5);
    const a = dataFingerprint({ x }, { n: 200, rowSize: 5 });
    expect(a).toEqual(dataFingerprint({ x: x.slice() }, { n: 200, rowSize: 5 }));
    expect(a.sampleHash).toMatch(/^[0-9a-f]{16}$/);
    // Row 3 (i = 1 → ⌊1·200/64⌋ = 3) is sampled: changing one of its values changes the hash.
    const y = x.slice();
    y[3 * 5 + 2] = (y[3 * 5 + 2] as number) + 1e-7;
    expect(dataFingerprint({ x: y }, { n: 200, rowSize: 5 }).sampleHash).not.toBe(a.sampleHash);
    // Row 4 is not sampled (⌊i·200/64⌋ skips it): a change there is not seen, by design.
    const z = x.slice();
    z[4 * 5] = 99;
    expect(dataFingerprint({ x: z }, { n: 200, rowSize: 5 }).sampleHash).toBe(a.sampleHash);
  });

  it('hashes every row of a small set, and labels', () => {
    const n = SAMPLED_ROWS - 1;
    const x = rows(n, 3);
    const base = dataFingerprint({ x }, { n, rowSize: 3 });
    for (const row of [0, 30, n - 1]) {
      const y = x.slice();
      y[row * 3] = -1;
      expect(dataFingerprint({ x: y }, { n, rowSize: 3 }).sampleHash).not.toBe(base.sampleHash);
    }
    const labels = new Uint8Array(n);
    const withLabels = dataFingerprint({ x, labels }, { n, rowSize: 3 });
    labels[n - 1] = 1;
    expect(dataFingerprint({ x, labels }, { n, rowSize: 3 }).sampleHash).not.toBe(
      withLabels.sampleHash,
    );
  });

  it('says how two fingerprints differ', () => {
    const x = rows(20, 4);
    const a = dataFingerprint({ x }, { n: 20, rowSize: 4 });
    expect(fingerprintMismatch(a, a)).toBeUndefined();
    const fewer = dataFingerprint({ x: x.subarray(0, 32) }, { n: 8, rowSize: 4 });
    expect(fingerprintMismatch(a, fewer)).toBe(
      "20 examples of 4 values, this run's data has 8 of 4",
    );
    const bytes = dataFingerprint({ x: new Uint8Array(80) }, { n: 20, rowSize: 4 });
    expect(fingerprintMismatch(a, bytes)).toMatch(/float32 data, this run's data is uint8/);
    const labelled = dataFingerprint({ x, labels: new Uint8Array(20) }, { n: 20, rowSize: 4 });
    expect(fingerprintMismatch(a, labelled)).toMatch(/without labels/);
  });
});
