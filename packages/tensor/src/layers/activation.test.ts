import { InvalidArgumentError, UnknownOptionError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { ACTIVATION_NAMES, type ActivationName, getActivation } from './activation.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

// Closed forms (float64) of each activation and its derivative: independent references.
const sig = (x: number): number => 1 / (1 + Math.exp(-x));
const REF: Record<ActivationName, [(x: number) => number, (x: number) => number]> = {
  relu: [(x) => Math.max(x, 0), (x) => (x > 0 ? 1 : 0)],
  leakyRelu: [(x) => (x > 0 ? x : 0.01 * x), (x) => (x > 0 ? 1 : 0.01)],
  elu: [(x) => (x > 0 ? x : Math.expm1(x)), (x) => (x > 0 ? 1 : Math.exp(x))],
  tanh: [Math.tanh, (x) => 1 - Math.tanh(x) ** 2],
  sigmoid: [sig, (x) => sig(x) * (1 - sig(x))],
  softplus: [(x) => Math.log1p(Math.exp(x)), sig],
  linear: [(x) => x, () => 1],
};

// Away from the kinks at 0 by more than the finite-difference step.
const XS = [-4, -2.5, -1.2, -0.3, -0.07, 0.06, 0.25, 0.9, 1.7, 3.5];

describe('getActivation', () => {
  for (const name of ACTIVATION_NAMES) {
    it(`${name}: values and gradient match the closed forms; gradient matches finite differences`, () => {
      const fn = getActivation(name);
      const x = tf.tensor1d(XS);
      const y = fn(x).dataSync();
      const g = tf
        .grad((t: tf.Tensor) => tf.sum(fn(t)))(x)
        .dataSync();
      const [f, df] = REF[name];
      const eps = 1e-2;
      XS.forEach((v, i) => {
        expect(y[i]).toBeCloseTo(f(v), 5);
        expect(g[i]).toBeCloseTo(df(v), 5);
        // Central difference of the float32 activation itself (single element: rounding error of
        // f is ~|f|·6e-8, so /2eps ≤ 1e-5 for |f| ≤ 4; truncation eps²|f'''|/6 ≤ 2e-5).
        const fd = tf.tidy(() => {
          const at = (d: number) => fn(tf.tensor1d([v + d])).dataSync()[0]!;
          return (at(eps) - at(-eps)) / (2 * eps);
        });
        expect(Math.abs(fd - g[i]!)).toBeLessThan(2e-4 + 1e-3 * Math.abs(fd));
      });
      tf.dispose(x);
    });
  }

  it('leakyRelu takes a negative slope (default 0.01 as PyTorch, not tfjs 0.2)', () => {
    const x = tf.tensor1d([-2, 3]);
    expect(Array.from(getActivation('leakyRelu')(x).dataSync())).toEqual([Math.fround(-0.02), 3]);
    expect(Array.from(getActivation('leakyRelu', { negativeSlope: 0.5 })(x).dataSync())).toEqual([
      -1, 3,
    ]);
    expect(() => getActivation('leakyRelu', { negativeSlope: Number.NaN })).toThrow(
      InvalidArgumentError,
    );
    tf.dispose(x);
  });

  it('throws UnknownOptionError listing the accepted names', () => {
    expect(() => getActivation('gelu' as ActivationName)).toThrow(UnknownOptionError);
    expect(() => getActivation('gelu' as ActivationName)).toThrow(/'activation'.*"relu"/);
  });
});
