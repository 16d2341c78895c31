import { createRng, InvalidArgumentError, ShapeError, UnknownOptionError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { randomNormal } from '../random/random-tensors.js';
import { reparameterize } from './reparameterize.js';
import {
  describeOnBackends,
  expectClose,
  expectNoLeak,
  tfGradients,
  withTensors,
} from './test-support.js';

const mu = [
  [1, -2, 0.5],
  [0, 3, -1],
];
const logVar = [
  [0, Math.log(4), Math.log(0.25)],
  [-1, 0.5, 1],
];

describeOnBackends('reparameterize', () => {
  it('is μ + σ·ε with ε = randomNormal(shape, seed): same seed → same z, new seed → new z', () => {
    withTensors([mu, logVar], (m, v) => {
      const z1 = reparameterize(m, v, 42);
      const z2 = reparameterize(m, v, 42);
      const z3 = reparameterize(m, v, 43);
      expect(z1.shape).toEqual([2, 3]);
      expect(Array.from(z1.dataSync())).toEqual(Array.from(z2.dataSync()));
      expect(Array.from(z1.dataSync())).not.toEqual(Array.from(z3.dataSync()));
      // The definition, with ε drawn independently from the same seed.
      const eps = randomNormal([2, 3], 42).dataSync();
      const expected = mu.flat().map((m0, i) => m0 + Math.exp(0.5 * logVar.flat()[i]!) * eps[i]!);
      expectClose(z1.dataSync(), expected, 1e-6, 1e-6);
      // A generator advances: two draws from one Rng differ, and replay from the same seed.
      const rngA = createRng(7);
      const rngB = createRng(7);
      const a1 = reparameterize(m, v, rngA);
      const a2 = reparameterize(m, v, rngA);
      const b1 = reparameterize(m, v, rngB);
      expect(Array.from(a1.dataSync())).not.toEqual(Array.from(a2.dataSync()));
      expect(Array.from(a1.dataSync())).toEqual(Array.from(b1.dataSync()));
      tf.dispose([z1, z2, z3, a1, a2, b1]);
    });
  });

  it('has sample mean μ and variance σ² within sampling error (20000 samples)', () => {
    const n = 20000;
    withTensors([mu, logVar], (m, v) => {
      const z = reparameterize(m, v, 123, { samples: n });
      expect(z.shape).toEqual([n, 2, 3]);
      const data = z.dataSync();
      const cells = 6;
      for (let c = 0; c < cells; c++) {
        let s = 0;
        let s2 = 0;
        for (let i = 0; i < n; i++) {
          const val = data[i * cells + c]!;
          s += val;
          s2 += val * val;
        }
        const mean = s / n;
        const variance = s2 / n - mean * mean;
        const sigma2 = Math.exp(logVar.flat()[c]!);
        // 5 standard errors: se(mean) = σ/√n, se(var) = σ²·√(2/n) for a normal sample.
        expect(Math.abs(mean - mu.flat()[c]!)).toBeLessThan(5 * Math.sqrt(sigma2 / n));
        expect(Math.abs(variance - sigma2)).toBeLessThan(5 * sigma2 * Math.sqrt(2 / n));
      }
      z.dispose();
    });
  });

  it('passes gradients to μ (w) and log σ² (w·½σε)', () => {
    const w = [
      [0.3, -1.2, 0.7],
      [2, 0.1, -0.5],
    ];
    withTensors([mu, logVar, w], (m, v, wt) => {
      const [gm, gv] = tfGradients((a, b) => tf.sum(tf.mul(reparameterize(a!, b!, 5), wt)), [m, v]);
      const eps = randomNormal([2, 3], 5).dataSync();
      expectClose(gm!, w.flat(), 1e-6);
      expectClose(
        gv!,
        w.flat().map((wi, i) => wi * 0.5 * Math.exp(0.5 * logVar.flat()[i]!) * eps[i]!),
        1e-5,
        1e-7,
      );
    });
  });

  it('throws typed errors for bad inputs', () => {
    withTensors([[[0, 0]], [[0, 0, 0]]], (a, b) => {
      expect(() => reparameterize(a, b, 1)).toThrow(ShapeError);
      expect(() => reparameterize(a, a, 1, { samples: 0 })).toThrow(InvalidArgumentError);
      expect(() => reparameterize(a, a, 1.5)).toThrow(InvalidArgumentError);
      // biome-ignore lint/suspicious/noExplicitAny: testing a misspelt option
      expect(() => reparameterize(a, a, 1, { sample: 3 } as any)).toThrow(UnknownOptionError);
      const i = tf.zeros([1, 2], 'int32');
      expect(() => reparameterize(i, i, 1)).toThrow(InvalidArgumentError);
      i.dispose();
    });
  });

  it('leaks no tensors', () => {
    withTensors([mu, logVar], (m, v) => {
      expectNoLeak(() => reparameterize(m, v, 1));
      expectNoLeak(() => reparameterize(m, v, 1, { samples: 4 }));
    });
  });
});

it('draws the same z on wasm and cpu for the same seed', async () => {
  const draw = async (backend: 'wasm' | 'cpu') => {
    await initBackend({ backend });
    return withTensors([mu, logVar], (m, v) => {
      const z = reparameterize(m, v, 99);
      const out = Array.from(z.dataSync());
      z.dispose();
      return out;
    });
  };
  const a = await draw('wasm');
  const b = await draw('cpu');
  expectClose(a, b, 1e-6, 1e-6);
});
