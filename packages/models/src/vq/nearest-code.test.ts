import { InvalidArgumentError, initBackend, ShapeError, tf } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { nearestCode, squaredDistances } from './nearest-code.js';
import { bruteNearest, dist2, maxAbsDiff, normals } from './vq-reference.testutil.js';

describe.each(['cpu', 'wasm'] as const)('nearestCode on %s', (backend) => {
  it('equals a brute-force float64 search on random data', async () => {
    await initBackend({ backend });
    const [n, k, d] = [300, 37, 6];
    const zData = normals(n, d, 1);
    const cData = normals(k, d, 2);
    const z = tf.tensor2d(zData, [n, d]);
    const c = tf.tensor2d(cData, [k, d]);
    const { oneHot, indices } = nearestCode(z, c);
    const got = indices.dataSync();
    const ref = bruteNearest(zData, cData, d);
    let exact = 0;
    for (let i = 0; i < n; i++) {
      if (got[i] === ref.index[i]) exact++;
      // A float32 near-tie may pick the other code, but only if it is as close to 1e-4.
      else
        expect(
          dist2(zData, i, cData, got[i]!, d) - dist2(zData, i, cData, ref.index[i]!, d),
        ).toBeLessThan(1e-4);
    }
    expect(exact).toBeGreaterThanOrEqual(n - 1);
    // The one-hot rows match the indices.
    const oh = oneHot.arraySync();
    oh.forEach((row, i) => {
      expect(row.reduce((a, b) => a + b, 0)).toBe(1);
      expect(row[got[i]!]).toBe(1);
    });
    tf.dispose([z, c, oneHot, indices]);
  });

  it('computes squared distances as a float64 reference does', async () => {
    await initBackend({ backend });
    const zData = normals(20, 5, 3);
    const cData = normals(9, 5, 4);
    const dist = squaredDistances(tf.tensor2d(zData, [20, 5]), tf.tensor2d(cData, [9, 5]));
    const ref: number[] = [];
    for (let i = 0; i < 20; i++) for (let j = 0; j < 9; j++) ref.push(dist2(zData, i, cData, j, 5));
    expect(maxAbsDiff(dist.dataSync(), ref)).toBeLessThan(1e-4);
    dist.dispose();
  });

  it('resolves ties to the lowest index, deterministically', async () => {
    await initBackend({ backend });
    // Codes 1 and 3 are equal; all four codes are at squared distance 5 from [0, −1].
    const c = tf.tensor2d([2, 0, 1, 1, -2, 0, 1, 1], [4, 2]);
    const z = tf.tensor2d([1, 1, 0, -1, 0.9, 1.1], [3, 2]);
    for (let rep = 0; rep < 3; rep++) {
      const { oneHot, indices } = nearestCode(z, c);
      expect([...indices.dataSync()]).toEqual([1, 0, 1]);
      tf.dispose([oneHot, indices]);
    }
    tf.dispose([z, c]);
  });

  it('throws typed errors for bad shapes and dtypes', async () => {
    await initBackend({ backend });
    const z = tf.zeros([4, 3]);
    expect(() => nearestCode(z, tf.zeros([5, 2]))).toThrow(ShapeError);
    expect(() => nearestCode(tf.zeros([4]), tf.zeros([5, 3]))).toThrow(ShapeError);
    expect(() => nearestCode(tf.zeros([4, 3], 'int32'), tf.zeros([5, 3]))).toThrow(
      InvalidArgumentError,
    );
    tf.disposeVariables();
    z.dispose();
  });
});
