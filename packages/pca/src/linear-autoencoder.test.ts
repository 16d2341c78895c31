import { createRng, initBackend, NonFiniteError, permutation, tf, toRng } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { linearAutoencoderAngles } from './linear-autoencoder.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** `n × d` rows: 3 strong directions (std 1, 0.8, 0.6) plus weak noise (0.1), offset by j. */
function syntheticRows(n: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) data[i * d + j] = rng.normal() * (j < 3 ? 1 - j * 0.2 : 0.1) + j;
  return data;
}

/**
 * An independent float64 reference of the documented training: the same initialization and
 * batch order (from the same seeds), hand-written gradients of mean ‖x − xED‖², heavy-ball
 * momentum or Adam, learning rate decaying linearly to 1 % at the last step.
 */
function referenceTraining(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  o: {
    epochs: number;
    batchSize: number;
    optimizer: 'momentum' | 'adam';
    lr0: number;
    seed: number;
  },
): { decoder: Float64Array; losses: number[] } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += data[i * d + j]! / n;
  const x = data.map((v, i) => Math.fround(v - mean[i % d]!));
  const rng = toRng(o.seed);
  const initRng = rng.fork('init');
  const orderRng = rng.fork('order');
  const E = Float64Array.from({ length: d * k }, () =>
    Math.fround(initRng.normal() / Math.sqrt(d)),
  );
  const D = Float64Array.from({ length: k * d }, () =>
    Math.fround(initRng.normal() / Math.sqrt(d)),
  );
  const w = [E, D];
  const m1 = w.map((a) => new Float64Array(a.length));
  const m2 = w.map((a) => new Float64Array(a.length));
  const perEpoch = Math.ceil(n / o.batchSize);
  const total = o.epochs * perEpoch;
  const losses: number[] = [];
  let step = 0;
  for (let e = 0; e < o.epochs; e++) {
    const order = permutation(n, orderRng);
    let lossSum = 0;
    for (let b = 0; b < perEpoch; b++) {
      const rows = order.subarray(b * o.batchSize, Math.min(n, (b + 1) * o.batchSize));
      const bs = rows.length;
      const gE = new Float64Array(d * k);
      const gD = new Float64Array(k * d);
      let loss = 0;
      for (const r of rows) {
        const xr = x.subarray(r * d, (r + 1) * d);
        const code = new Float64Array(k);
        for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) code[c]! += xr[j]! * E[j * k + c]!;
        const res = new Float64Array(d); // x̂ − x
        for (let j = 0; j < d; j++) {
          let s = -xr[j]!;
          for (let c = 0; c < k; c++) s += code[c]! * D[c * d + j]!;
          res[j] = s;
          loss += (s * s) / bs;
        }
        for (let c = 0; c < k; c++) {
          let back = 0; // (res·Dᵀ)_c
          for (let j = 0; j < d; j++) {
            gD[c * d + j]! += (2 / bs) * code[c]! * res[j]!;
            back += res[j]! * D[c * d + j]!;
          }
          for (let j = 0; j < d; j++) gE[j * k + c]! += (2 / bs) * xr[j]! * back;
        }
      }
      step++;
      const lr = o.lr0 * (1 - (0.99 * (step - 1)) / Math.max(1, total - 1));
      [gE, gD].forEach((g, p) => {
        const a = m1[p]!;
        const s = m2[p]!;
        const v = w[p]!;
        for (let i = 0; i < g.length; i++) {
          if (o.optimizer === 'momentum') {
            a[i] = 0.9 * a[i]! + g[i]!;
            v[i]! -= lr * a[i]!;
          } else {
            a[i] = 0.9 * a[i]! + 0.1 * g[i]!;
            s[i] = 0.999 * s[i]! + 0.001 * g[i]! * g[i]!;
            const mHat = a[i]! / (1 - 0.9 ** step);
            const vHat = s[i]! / (1 - 0.999 ** step);
            v[i]! -= (lr * mHat) / (Math.sqrt(vHat) + 1e-8);
          }
        }
      });
      lossSum += loss * bs;
    }
    losses.push(lossSum / n);
  }
  return { decoder: D, losses };
}

describe('linearAutoencoderAngles', () => {
  const n = 120;
  const d = 6;
  const data = syntheticRows(n, d, 11);

  for (const [optimizer, lr0] of [
    ['momentum', 0.04],
    ['adam', 1e-2],
  ] as const) {
    it(`${optimizer}: follows a float64 reference of the same schedule, order and update`, () => {
      const opts = { epochs: 3, batchSize: 32, optimizer, seed: 4 } as const;
      const result = linearAutoencoderAngles(
        { data, rows: n, cols: d },
        { numComponents: 2, ...opts },
      );
      const ref = referenceTraining(data, n, d, 2, { ...opts, lr0 });
      // float32 arithmetic over 12 steps: ~1e-6 apart; a wrong formula, rate, order or
      // momentum is ≥ 1e-3 off.
      let worst = 0;
      for (let i = 0; i < ref.decoder.length; i++)
        worst = Math.max(worst, Math.abs(result.decoder[i]! - ref.decoder[i]!));
      expect(worst).toBeLessThan(1e-4);
      for (let e = 0; e < 3; e++) expect(result.epochLosses[e]).toBeCloseTo(ref.losses[e]!, 4);
    });

    it(`${optimizer}: trained longer, spans PCA's subspace (principal angles near 0)`, () => {
      const result = linearAutoencoderAngles(
        { data: syntheticRows(600, d, 3), rows: 600, cols: d },
        { numComponents: 3, epochs: 60, batchSize: 50, optimizer, seed: 1 },
      );
      for (const a of result.anglesDegrees) expect(a).toBeLessThan(2);
      expect(result.epochLosses[0]!).toBeGreaterThan(result.epochLosses.at(-1)!);
    });
  }

  it('throws NonFiniteError naming where it diverged, and frees its tensors', () => {
    const before = tf.memory().numTensors;
    expect(() =>
      linearAutoencoderAngles(
        { data: data.map((v) => v * 1e3), rows: n, cols: d },
        { numComponents: 2, epochs: 5, batchSize: 32, learningRate: 10 },
      ),
    ).toThrow(NonFiniteError);
    expect(() =>
      linearAutoencoderAngles(
        { data: data.map((v) => v * 1e3), rows: n, cols: d },
        { numComponents: 2, epochs: 5, batchSize: 32, learningRate: 10 },
      ),
    ).toThrow(/loss at epoch \d+, batch \d+, step \d+ contains NaN or Infinity \(.*diverged/);
    linearAutoencoderAngles({ data, rows: n, cols: d }, { numComponents: 2, epochs: 1 });
    expect(tf.memory().numTensors).toBe(before);
  });
});
