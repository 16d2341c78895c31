import { createRng, initBackend, klStandardNormalPerDim, tf } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../model/create-model.js';
import { latentStatistics } from './latent-statistics.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('latentStatistics', () => {
  it('matches a direct computation, and a dimension with a constant mean is inactive', () => {
    const model = createModel(
      { kind: 'vae', inputShape: [5], latentDim: 3, encoder: { type: 'mlp', hidden: [] } },
      { seed: 2 },
    );
    // Make μ_2 ignore the input: zero its weights (bias stays) → Var_x μ_2 = 0.
    const w = model.store.get('encoder.mu.weight');
    w.assign(tf.tidy(() => tf.mul(w, tf.tensor1d([1, 1, 0]))));
    const rng = createRng(1);
    const n = 300;
    const x = Float32Array.from({ length: n * 5 }, () => rng.next() * 4);
    const stats = latentStatistics(model, { x }, { batchSize: 70 });
    const [mu, kl] = tf.tidy(() => {
      const post = model.encode(tf.tensor2d(x, [n, 5]));
      return [
        post.mu.arraySync() as number[][],
        tf.mean(klStandardNormalPerDim(post.mu, post.logVar!), 0).arraySync() as number[],
      ];
    });
    for (let d = 0; d < 3; d++) {
      const col = mu.map((r) => r[d]!);
      const m = col.reduce((a, b) => a + b, 0) / n;
      const v = col.reduce((a, b) => a + (b - m) ** 2, 0) / n;
      expect(stats.meanVariance[d]).toBeCloseTo(v, 4);
      expect(stats.klPerDim[d]).toBeCloseTo(kl[d]!, 4);
    }
    expect(stats.meanVariance[2]).toBeLessThan(1e-10);
    expect(stats.active).toEqual([true, true, false]);
    expect(stats.activeUnits).toBe(2);
    model.dispose();
  });
});
