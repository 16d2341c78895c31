import {
  createRng,
  InvalidArgumentError,
  initBackend,
  NonFiniteError,
  ShapeError,
  tf,
  UnknownOptionError,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPixelCnnPrior, type PixelCnnPrior } from './pixel-cnn-prior.js';
import { priorNll } from './prior-nll.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const [H, W, K] = [3, 4, 5];
const config = { height: H, width: W, numCodes: K, filters: 8, kernelSize: 3 };

/** −log softmax(logits)[code] summed over all positions, in float64 from the raw logits. */
function referenceNats(prior: PixelCnnPrior, codes: Int32Array, n: number): number {
  const logits = tf.tidy(() => prior.logits(tf.tensor(codes, [n, H, W], 'int32')).dataSync());
  let total = 0;
  for (let p = 0; p < n * H * W; p++) {
    const row = Array.from(logits.subarray(p * K, (p + 1) * K));
    const max = Math.max(...row);
    const lse = max + Math.log(row.reduce((s, l) => s + Math.exp(l - max), 0));
    total += lse - row[codes[p]!]!;
  }
  return total;
}

describe('priorNll', () => {
  it('equals −mean log p(code) from the logits (float64 reference), in nats and bits', () => {
    const prior = createPixelCnnPrior(config, { seed: 1 });
    const rng = createRng(2);
    const n = 7;
    const codes = Int32Array.from({ length: n * H * W }, () => rng.int(K));
    const ref = referenceNats(prior, codes, n) / (n * H * W);
    const before = tf.memory().numTensors;
    const result = priorNll(prior, codes, { batchSize: 3 }); // uneven batches
    expect(tf.memory().numTensors).toBe(before);
    expect(result.codes).toBe(n * H * W);
    expect(result.grids).toBe(n);
    expect(result.natsPerCode).toBeCloseTo(ref, 5);
    expect(result.bitsPerCode).toBeCloseTo(ref / Math.LN2, 5);
    // A tensor input gives the same figure.
    const t = tf.tensor(codes, [n, H, W], 'int32');
    expect(priorNll(prior, t).natsPerCode).toBeCloseTo(result.natsPerCode, 6);
    t.dispose();
    prior.dispose();
  });

  it('is exactly log2 K bits for a prior whose logits are all zero (uniform)', () => {
    const prior = createPixelCnnPrior(config, { seed: 3 });
    for (const name of ['output.weight', 'output.bias']) {
      const v = prior.store.get(name);
      v.assign(tf.zerosLike(v));
    }
    const codes = Int32Array.from({ length: 2 * H * W }, (_, i) => i % K);
    const { bitsPerCode, natsPerCode } = priorNll(prior, codes);
    expect(bitsPerCode).toBeCloseTo(Math.log2(K), 6);
    expect(natsPerCode).toBeCloseTo(Math.log(K), 6);
    prior.dispose();
  });

  it('refuses bad grids and options with typed errors, and non-finite likelihoods', () => {
    const prior = createPixelCnnPrior(config, { seed: 4 });
    const ok = new Int32Array(H * W);
    expect(() => priorNll(prior, new Int32Array(H * W + 1))).toThrow(ShapeError);
    expect(() => priorNll(prior, new Int32Array(0))).toThrow(InvalidArgumentError);
    expect(() =>
      priorNll(
        prior,
        Int32Array.from(ok, () => K),
      ),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      priorNll(
        prior,
        Int32Array.from(ok, () => -1),
      ),
    ).toThrow(InvalidArgumentError);
    expect(() => priorNll(prior, new Float32Array(H * W) as unknown as Int32Array)).toThrow(
      InvalidArgumentError,
    );
    const wrong = tf.zeros([1, W, H], 'int32');
    expect(() => priorNll(prior, wrong)).toThrow(ShapeError);
    wrong.dispose();
    const floats = tf.zeros([1, H, W]);
    expect(() => priorNll(prior, floats)).toThrow(InvalidArgumentError);
    floats.dispose();
    expect(() => priorNll(prior, ok, { batchSize: 0 })).toThrow(InvalidArgumentError);
    expect(() => priorNll(prior, ok, { batch: 2 } as never)).toThrow(UnknownOptionError);
    const bias = prior.store.get('output.bias');
    bias.assign(tf.fill(bias.shape, Number.NaN));
    expect(() => priorNll(prior, ok)).toThrow(NonFiniteError);
    prior.dispose();
  });
});
