import { InvalidArgumentError, initBackend, ShapeError, tf } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { kmeans } from './kmeans.js';
import { bruteNearest, maxAbsDiff, normals } from './vq-reference.testutil.js';

describe('kmeans', () => {
  it('finds well-separated clusters; same seed gives the same centres', async () => {
    await initBackend({ backend: 'wasm' });
    const [k, d, n] = [5, 3, 500];
    const centres = normals(k, d, 1, 6);
    const noise = normals(n, d, 2, 0.1);
    const data = noise.map((v, i) => v + centres[(Math.floor(i / d) % k) * d + (i % d)]!);
    const x = tf.tensor2d(data, [n, d]);
    const a = kmeans(x, k, { seed: 9, iterations: 10 });
    const b = kmeans(x, k, { seed: 9, iterations: 10 });
    expect([...a.dataSync()]).toEqual([...b.dataSync()]);
    // Every true centre has a found centre within the noise scale.
    const found = a.dataSync();
    const { index } = bruteNearest(centres, found, d);
    index.forEach((j, i) => {
      const err = maxAbsDiff(centres.slice(i * d, i * d + d), found.slice(j * d, j * d + d));
      expect(err).toBeLessThan(0.1);
    });
    tf.dispose([x, a, b]);
  });

  it('rejects bad input', async () => {
    await initBackend({ backend: 'cpu' });
    expect(() => kmeans(tf.zeros([3, 2]), 4)).toThrow(InvalidArgumentError);
    expect(() => kmeans(tf.zeros([6]), 2)).toThrow(ShapeError);
    expect(() => kmeans(tf.zeros([6, 2]), 2, { iterations: -1 })).toThrow(InvalidArgumentError);
  });
});
