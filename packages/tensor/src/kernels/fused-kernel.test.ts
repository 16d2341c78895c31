import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { bernoulliNllFromLogits } from '../losses/bernoulli-nll.js';
import { klStandardNormalPerDim } from '../losses/kl-standard-normal.js';
import { reparameterizeWithNoise } from '../losses/reparameterize-with-noise.js';
import { describeOnBackends } from '../losses/test-support.js';
import { wasmElementwise } from '../wasm/elementwise-module.js';
import { registerFusedKernel, runFusedKernel } from './fused-kernel.js';

/** Names of the kernels `f` launches (in order). */
async function kernelsOf(f: () => void): Promise<string[]> {
  const info = await tf.profile(() => {
    tf.tidy(f);
  });
  return info.kernels.map((k) => k.name);
}

describeOnBackends('fused element-wise kernels', () => {
  it('run a registered spec on the backend, reading every input and writing the output', () => {
    registerFusedKernel({
      name: 'LatentkitTestAxpy',
      inputs: ['a', 'x', 'y'],
      outputShape: (shapes) => [...shapes[1]!],
      compute([a, x, y], out) {
        for (let i = 0; i < out.length; i++) out[i] = a![0]! * x![i]! + y![i]!;
      },
    });
    registerFusedKernel({
      name: 'LatentkitTestAxpy',
      inputs: [],
      outputShape: () => [],
      compute() {
        throw new Error('a second registration must not replace the first');
      },
    });
    const out = tf.tidy(() =>
      runFusedKernel('LatentkitTestAxpy', {
        a: tf.scalar(2),
        x: tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]),
        y: tf.tensor2d([0.5, 0, -1, 0, 0, 1], [2, 3]),
      }).arraySync(),
    );
    expect(out).toEqual([
      [2.5, 4, 5],
      [8, 10, 13],
    ]);
  });

  it('launch one kernel per loss term forward and one per differentiated input backward', async () => {
    const [l, x, mu, lv, eps] = [
      tf.tensor2d([0.5, -2, 3, 0], [2, 2]),
      tf.tensor2d([1, 0, 0.5, 1], [2, 2]),
      tf.tensor2d([0.1, -0.2], [1, 2]),
      tf.tensor2d([0.3, -1], [1, 2]),
      tf.tensor2d([1, -1], [1, 2]),
    ];
    const bce = await kernelsOf(() => {
      tf.grad((t: tf.Tensor) => bernoulliNllFromLogits(t, x, { reduction: 'none' }))(l);
    });
    expect(bce.filter((n) => n.startsWith('LatentkitBernoulli'))).toEqual([
      'LatentkitBernoulliNllRows',
      'LatentkitBernoulliNllGrad',
    ]);
    // The targets are data here: their gradient (−l·dy) is never computed.
    expect(bce).not.toContain('Neg');
    const gauss = await kernelsOf(() => {
      tf.grads((m: tf.Tensor, v: tf.Tensor) =>
        tf.add(tf.sum(reparameterizeWithNoise(m, v, eps)), tf.sum(klStandardNormalPerDim(m, v))),
      )([mu, lv]);
    });
    expect(gauss.filter((n) => n.startsWith('LatentkitReparameterize'))).toEqual([
      'LatentkitReparameterize',
      'LatentkitReparameterizeGrad',
    ]);
    expect(gauss.filter((n) => n.startsWith('LatentkitKlStandardNormal'))).toEqual([
      'LatentkitKlStandardNormal',
      'LatentkitKlStandardNormalGrad',
    ]);
    expect(gauss).not.toContain('Exp');
    tf.dispose([l, x, mu, lv, eps]);
  });

  it('propagate NaN and keep huge logits finite', () => {
    const [rows, grad] = tf.tidy(() => {
      const l = tf.tensor2d([Number.NaN, 1, 1e4, -1e4], [2, 2]);
      const x = tf.tensor2d([1, 0, 1, 0], [2, 2]);
      const g = tf.grad((t: tf.Tensor) => bernoulliNllFromLogits(t, x, { reduction: 'sum' }))(l);
      return [bernoulliNllFromLogits(l, x, { reduction: 'none' }).dataSync(), g.dataSync()];
    });
    expect(Number.isNaN(rows[0])).toBe(true);
    expect(rows[1]).toBeCloseTo(0, 6); // l = 1e4 with x = 1 and l = −1e4 with x = 0: loss ~0
    expect(Number.isNaN(grad[0])).toBe(true);
    expect(Array.from(grad.slice(2))).toEqual([0, 0]);
  });

  it('Bernoulli rows and gradient match a float64 reference over the whole logit range', () => {
    if (tf.getBackend() === 'wasm') expect(wasmElementwise(tf.backend())).toBeDefined();
    // Rows of 784 (the SIMD path on wasm) and of 13 (the JavaScript tail path): logits from
    // −120 to 120 with exact zeros and tiny values, soft and binary targets.
    for (const cols of [784, 13]) {
      const rows = 6;
      const l = new Float32Array(rows * cols);
      const x = new Float32Array(rows * cols);
      const dy = Float32Array.from({ length: rows }, (_, r) => (r - 2.5) / 3);
      for (let i = 0; i < l.length; i++) {
        const u = Math.sin(i * 12.9898) * 43758.5453;
        const frac = u - Math.floor(u);
        l[i] = i % 17 === 0 ? 0 : i % 23 === 0 ? 1e-7 * (frac - 0.5) : 240 * (frac - 0.5) ** 3;
        x[i] = i % 3 === 0 ? frac : frac > 0.5 ? 1 : 0;
      }
      const [rowsOut, gradOut] = tf.tidy(() => {
        const lt = tf.tensor2d(l, [rows, cols]);
        const xt = tf.tensor2d(x, [rows, cols]);
        return [
          bernoulliNllFromLogits(lt, xt, { reduction: 'none' }).dataSync(),
          runFusedKernel('LatentkitBernoulliNllGrad', {
            logits: lt,
            targets: xt,
            dy: tf.tensor1d(dy),
          }).dataSync(),
        ];
      });
      for (let r = 0; r < rows; r++) {
        let want = 0;
        for (let j = r * cols; j < (r + 1) * cols; j++) {
          const li = l[j]!;
          want += Math.max(li, 0) - li * x[j]! + Math.log1p(Math.exp(-Math.abs(li)));
          const sigma = 1 / (1 + Math.exp(-li));
          expect(Math.abs(gradOut[j]! - (sigma - x[j]!) * dy[r]!)).toBeLessThan(2e-7);
        }
        expect(Math.abs(rowsOut[r]! - want) / want).toBeLessThan(2e-6);
      }
    }
  });
});
