import {
  createParamStore,
  InvalidArgumentError,
  initBackend,
  type ParamStore,
  tf,
} from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { createEmaVectorQuantizer } from './ema-vector-quantizer.js';
import { disposeQuantizerOutput, type Quantizer } from './quantizer.js';
import { bruteNearest, maxAbsDiff, normals } from './vq-reference.testutil.js';

/** quantize + update on one batch; returns the update report and the usage. */
function step(vq: Quantizer, z: tf.Tensor) {
  const out = vq.quantize(z);
  const usage = out.usage.dataSync()[0]!;
  const report = vq.update(z, out.indices);
  disposeQuantizerOutput(out);
  return { ...report, usage };
}

/** Data around `k` cluster centres (scale 3) with small noise, n rows. */
function clustered(
  n: number,
  d: number,
  k: number,
  seed: number,
  noiseSeed = seed + 1,
): Float32Array {
  const centres = normals(k, d, seed, 3);
  const noise = normals(n, d, noiseSeed, 0.05);
  return noise.map((v, i) => v + centres[(Math.floor(i / d) % k) * d + (i % d)]!);
}

describe('emaVectorQuantizer', () => {
  it('two EMA steps equal a hand-computed float64 update (sums, counts, Laplace smoothing)', async () => {
    await initBackend({ backend: 'wasm' });
    const [k, d, decay, eps] = [4, 2, 0.9, 0.01];
    const store = createParamStore();
    const vq = createEmaVectorQuantizer(store, 'vq', {
      numCodes: k,
      dim: d,
      decay,
      epsilon: eps,
      initRange: 1,
      seed: 3,
    });
    let code = Float64Array.from(store.get('vq.codebook').dataSync());
    let size = new Float64Array(k).fill(1);
    let sum = Float64Array.from(code);
    for (const seed of [1, 2]) {
      const zData = normals(6, d, seed);
      const z = tf.tensor2d(zData, [6, d]);
      const out = vq.quantize(z);
      const { index } = bruteNearest(zData, code, d);
      expect([...out.indices.dataSync()]).toEqual(index);
      // The loss is the commitment term only.
      expect(out.loss.codebook.dataSync()[0]).toBe(0);
      vq.update(z, out.indices);
      disposeQuantizerOutput(out);
      z.dispose();
      const counts = new Float64Array(k);
      const sums = new Float64Array(k * d);
      index.forEach((j, i) => {
        counts[j]! += 1;
        for (let t = 0; t < d; t++) sums[j * d + t]! += zData[i * d + t]!;
      });
      size = size.map((s, j) => decay * s + (1 - decay) * counts[j]!);
      sum = sum.map((s, j) => decay * s + (1 - decay) * sums[j]!);
      const n = size.reduce((a, b) => a + b, 0);
      const smoothed = size.map((s) => ((s + eps) / (n + k * eps)) * n);
      code = sum.map((s, j) => s / smoothed[Math.floor(j / d)]!);
      expect(maxAbsDiff(store.get('vq.ema_cluster_size').dataSync(), size)).toBeLessThan(1e-6);
      expect(maxAbsDiff(store.get('vq.ema_embed_sum').dataSync(), sum)).toBeLessThan(1e-6);
      expect(maxAbsDiff(store.get('vq.codebook').dataSync(), code)).toBeLessThan(1e-5);
    }
    // The EMA state is not trainable: the optimizer never sees it.
    expect(Object.keys(store.variables(true))).toEqual([]);
    store.dispose();
  });

  it('restarts dead codes on batch vectors, deterministically per seed', async () => {
    await initBackend({ backend: 'wasm' });
    const [k, d, n] = [8, 3, 40];
    const zData = clustered(n, d, 8, 5);
    const z = tf.tensor2d(zData, [n, d]);
    const run = (seed: number) => {
      const store = createParamStore();
      const vq = createEmaVectorQuantizer(store, 'vq', {
        numCodes: k,
        dim: d,
        deadCodeThreshold: 1,
        seed,
      });
      const { restarted } = step(vq, z);
      const codebook = store.get('vq.codebook').dataSync().slice();
      const sizes = store.get('vq.ema_cluster_size').dataSync().slice();
      store.dispose();
      return { restarted, codebook, sizes };
    };
    const a = run(1);
    const b = run(1);
    const c = run(2);
    expect(a.restarted.length).toBeGreaterThan(0);
    expect(a.restarted).toEqual(b.restarted);
    expect([...a.codebook]).toEqual([...b.codebook]);
    expect([...a.codebook]).not.toEqual([...c.codebook]);
    for (const code of a.restarted) {
      const row = [...a.codebook.slice(code * d, code * d + d)];
      const match = Array.from({ length: n }, (_, i) => [...zData.slice(i * d, i * d + d)]);
      expect(match).toContainEqual(row);
      expect(a.sizes[code]).toBe(1); // EMA state reset
    }
    z.dispose();
  });

  it('from a bad initialization, restarts end with ≥ 90% of codes used; without, far fewer', async () => {
    await initBackend({ backend: 'wasm' });
    const [k, d, n] = [16, 4, 256];
    const usageAfter = (threshold: number) => {
      const store: ParamStore = createParamStore();
      // All codes start at the origin: ties go to code 0, so every other code is dead.
      const vq = createEmaVectorQuantizer(store, 'vq', {
        numCodes: k,
        dim: d,
        deadCodeThreshold: threshold,
        initRange: 0,
        seed: 4,
      });
      let usage = 0;
      for (let s = 0; s < 30; s++) {
        const z = tf.tensor2d(clustered(n, d, 16, 100, 200 + s), [n, d]);
        const r = step(vq, z);
        usage = r.usage;
        z.dispose();
      }
      store.dispose();
      return usage;
    };
    const withRestarts = usageAfter(1);
    const without = usageAfter(0);
    expect(withRestarts).toBeGreaterThanOrEqual(0.9);
    expect(without).toBeLessThan(0.5);
  });

  it('rejects bad options', async () => {
    await initBackend({ backend: 'cpu' });
    const store = createParamStore();
    const opts = { numCodes: 4, dim: 2 };
    expect(() => createEmaVectorQuantizer(store, 'a', { ...opts, decay: 1, seed: 1 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => createEmaVectorQuantizer(store, 'b', { ...opts, epsilon: 0, seed: 1 })).toThrow(
      InvalidArgumentError,
    );
    expect(() =>
      createEmaVectorQuantizer(store, 'c', { ...opts, deadCodeThreshold: -1, seed: 1 }),
    ).toThrow(InvalidArgumentError);
    store.dispose();
  });
});
