import {
  createRng,
  InvalidArgumentError,
  initBackend,
  NonFiniteError,
  tf,
  UnknownOptionError,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPixelCnnPrior, type PixelCnnPrior } from './pixel-cnn-prior.js';
import { samplePrior } from './sample-prior.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** A small prior with large random weights, so that its conditionals are far from uniform. */
function sharpPrior(height: number, width: number, k: number, seed: number): PixelCnnPrior {
  const prior = createPixelCnnPrior(
    { height, width, numCodes: k, filters: 8, kernelSize: 3, residualBlocks: 1, outputLayers: 1 },
    { seed },
  );
  const rng = createRng(seed + 100);
  for (const v of Object.values(prior.store.variables())) {
    const noise = Float32Array.from({ length: v.size }, () => rng.normal());
    v.assign(tf.tensor(noise, v.shape));
  }
  return prior;
}

/** The exact joint p_T(grid) of every grid (enumerated), from the conditionals' logits / T. */
function exactJoint(prior: PixelCnnPrior, temperature: number): Float64Array {
  const { height, width, numCodes: k } = prior.config;
  const size = height * width;
  const count = k ** size;
  const grids = new Int32Array(count * size);
  for (let g = 0; g < count; g++) {
    for (let i = 0, v = g; i < size; i++, v = Math.floor(v / k)) grids[g * size + i] = v % k;
  }
  const logits = tf.tidy(() =>
    prior.logits(tf.tensor(grids, [count, height, width], 'int32')).dataSync(),
  );
  const joint = new Float64Array(count);
  for (let g = 0; g < count; g++) {
    let p = 1;
    for (let i = 0; i < size; i++) {
      const row = Array.from(
        logits.subarray((g * size + i) * k, (g * size + i + 1) * k),
        (l) => l / temperature,
      );
      const max = Math.max(...row);
      const z = row.reduce((s, l) => s + Math.exp(l - max), 0);
      p *= Math.exp(row[grids[g * size + i]!]! - max) / z;
    }
    joint[g] = p;
  }
  return joint;
}

/** Total variation distance between the sample frequencies and a distribution over grid ids. */
function tv(codes: Int32Array, size: number, k: number, p: Float64Array): number {
  const freq = new Float64Array(p.length);
  const n = codes.length / size;
  for (let s = 0; s < n; s++) {
    let id = 0;
    for (let i = size - 1; i >= 0; i--) id = id * k + codes[s * size + i]!;
    freq[id]! += 1 / n;
  }
  return 0.5 * p.reduce((acc, q, g) => acc + Math.abs(q - freq[g]!), 0);
}

describe('samplePrior', () => {
  it.each([1, 0.5, 2])(
    'draws grids from the exact autoregressive distribution at temperature %f',
    (temperature) => {
      const prior = sharpPrior(1, 3, 3, 1); // 27 grids
      const joint = exactJoint(prior, temperature);
      const other = exactJoint(prior, temperature === 1 ? 0.5 : 1);
      const n = 4000;
      const { codes, shape } = samplePrior(prior, { n, seed: 2, temperature, batchSize: 1000 });
      expect(shape).toEqual([n, 1, 3]);
      // Sampling noise: E[TV] ≈ 0.02 for 27 cells and 4000 draws. The distribution at another
      // temperature is far away (≥ 0.1), so the check can fail.
      expect(tv(codes, 3, 3, joint)).toBeLessThan(0.04);
      expect(tv(codes, 3, 3, other)).toBeGreaterThan(0.08);
      prior.dispose();
    },
  );

  it('follows the conditionals over several rows (a 2×2 grid, enumerated)', () => {
    const prior = sharpPrior(2, 2, 3, 3); // 81 grids; positions in the second row see the first
    const joint = exactJoint(prior, 1);
    const { codes } = samplePrior(prior, { n: 6000, seed: 5, batchSize: 2000 });
    expect(tv(codes, 4, 3, joint)).toBeLessThan(0.05);
    prior.dispose();
  });

  it('is deterministic per seed, independent of n and batchSize, and leaks nothing', () => {
    const prior = sharpPrior(3, 4, 5, 4);
    const before = tf.memory().numTensors;
    const a = samplePrior(prior, { n: 7, seed: 11 });
    expect(tf.memory().numTensors).toBe(before);
    const b = samplePrior(prior, { n: 7, seed: 11, batchSize: 3 });
    const c = samplePrior(prior, { n: 4, seed: 11 });
    const d = samplePrior(prior, { n: 7, seed: 12 });
    expect(b.codes).toEqual(a.codes);
    expect(c.codes).toEqual(a.codes.subarray(0, 4 * 12));
    expect(d.codes).not.toEqual(a.codes);
    expect(a.shape).toEqual([7, 3, 4]);
    expect(a.codes.every((v) => v >= 0 && v < 5)).toBe(true);
    prior.dispose();
  });

  it('at a tiny temperature picks the most likely code at every step (greedy decoding)', () => {
    const prior = sharpPrior(2, 3, 4, 6);
    const { codes } = samplePrior(prior, { n: 5, seed: 1, temperature: 1e-6 });
    // Greedy reference: argmax of the logits, position by position.
    const greedy = new Int32Array(6);
    for (let i = 0; i < 6; i++) {
      const logits = tf.tidy(() => prior.logits(tf.tensor(greedy, [1, 2, 3], 'int32')).dataSync());
      const row = Array.from(logits.subarray(i * 4, i * 4 + 4));
      greedy[i] = row.indexOf(Math.max(...row));
    }
    for (let s = 0; s < 5; s++) expect(codes.subarray(s * 6, s * 6 + 6)).toEqual(greedy);
    prior.dispose();
  });

  it('refuses bad temperatures, sizes and options with typed errors', () => {
    const prior = sharpPrior(2, 2, 3, 7);
    for (const temperature of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => samplePrior(prior, { n: 1, temperature })).toThrow(InvalidArgumentError);
    }
    expect(() => samplePrior(prior, { n: 1, temperature: '1' as unknown as number })).toThrow(
      InvalidArgumentError,
    );
    expect(() => samplePrior(prior, { n: 0 })).toThrow(InvalidArgumentError);
    expect(() => samplePrior(prior, { n: 1.5 })).toThrow(InvalidArgumentError);
    expect(() => samplePrior(prior, { n: 1, batchSize: 0 })).toThrow(InvalidArgumentError);
    expect(() => samplePrior(prior, undefined as never)).toThrow(InvalidArgumentError);
    expect(() => samplePrior(prior, { n: 1, temp: 1 } as never)).toThrow(UnknownOptionError);
    const bias = prior.store.get('output.bias');
    bias.assign(tf.fill(bias.shape, Number.NaN));
    expect(() => samplePrior(prior, { n: 1 })).toThrow(NonFiniteError);
    prior.dispose();
  });
});
