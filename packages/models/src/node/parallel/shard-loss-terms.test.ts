import { createRng, initBackend, ShapeError, tf } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../../model/create-model.js';
import type { ModelConfig } from '../../model/model-config.js';
import { shardLossTerms } from './shard-loss-terms.js';

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

const configs: ModelConfig[] = [
  { kind: 'vae', inputShape: [12], latentDim: 3, encoder: { type: 'mlp', hidden: [8] } },
  {
    kind: 'cvae',
    numClasses: 4,
    inputShape: [12],
    latentDim: 3,
    encoder: { type: 'mlp', hidden: [8] },
  },
  { kind: 'ae', inputShape: [12], latentDim: 3, encoder: { type: 'mlp', hidden: [8] } },
];

describe('shardLossTerms', () => {
  it.each(configs)('$kind: shards of a batch give the rows of model.lossTerms', (config) => {
    const model = createModel(config, { seed: 2 });
    const rng = createRng(4);
    const n = 10;
    const xs = Float32Array.from({ length: n * 12 }, () => rng.next());
    const labels =
      config.kind === 'cvae' ? Int32Array.from({ length: n }, (_, i) => i % 4) : undefined;
    const x = tf.tensor2d(xs, [n, 12]);
    const full = model.lossTerms(x, { labels, seed: createRng(77) });
    const fullRecon = full.recon.dataSync();
    const fullKl = full.kl?.dataSync();
    const fullZ = full.z.dataSync();
    for (const [lo, hi] of [
      [0, 4],
      [4, 10],
    ] as const) {
      const part = tf.slice(x, [lo, 0], [hi - lo, 12]);
      const t = shardLossTerms(model, part, {
        labels: labels?.slice(lo, hi),
        epsSeed: 77,
        offset: lo,
        total: n,
      });
      const recon = t.recon.dataSync();
      const z = t.z.dataSync();
      for (let i = 0; i < hi - lo; i++) {
        expect(recon[i]).toBeCloseTo(fullRecon[lo + i]!, 4);
        if (fullKl) expect(t.kl!.dataSync()[i]).toBeCloseTo(fullKl[lo + i]!, 5);
      }
      // ε rows follow the batch: z of the shard is z of the same rows of the batch.
      for (let i = 0; i < (hi - lo) * 3; i++) expect(z[i]).toBeCloseTo(fullZ[lo * 3 + i]!, 5);
      tf.dispose(
        [part, t.recon, t.kl, t.klPerDim, t.mu, t.logVar, t.z].filter((v) => v) as tf.Tensor[],
      );
    }
    // One shard covering the batch: the very numbers of lossTerms.
    const whole = shardLossTerms(model, x, { labels, epsSeed: 77, offset: 0, total: n });
    expect(whole.recon.dataSync()).toEqual(fullRecon);
    expect(() => shardLossTerms(model, x, { labels, epsSeed: 77, offset: 1, total: n })).toThrow(
      ShapeError,
    );
    model.dispose();
  });
});
