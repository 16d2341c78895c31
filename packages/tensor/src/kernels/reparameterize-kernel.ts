import type { GradConfig } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { registerFusedKernel, runFusedKernel } from './fused-kernel.js';

/**
 * Kernel: `z = μ + exp(½·log σ²)·ε`. Inputs `mu`, `logVar` (same shape, n elements) and `eps`
 * (`S·n` elements: S samples stacked on a leading axis); output the shape of `eps`.
 */
export const REPARAMETERIZE = 'LatentkitReparameterize';

/**
 * Kernel: the `logVar` gradient of {@link REPARAMETERIZE}, `Σ_s ½·dz·ε·exp(½·log σ²)` over the
 * samples. Inputs `logVar`, `eps`, `dz`; output the shape of `logVar`.
 */
export const REPARAMETERIZE_GRAD = 'LatentkitReparameterizeGrad';

/** Registers both kernels (idempotent). */
export function registerReparameterizeKernels(): void {
  registerFusedKernel({
    name: REPARAMETERIZE,
    inputs: ['mu', 'logVar', 'eps'],
    outputShape: (shapes) => [...shapes[2]!],
    compute([mu, lv, eps], z) {
      const n = mu!.length;
      for (let i = 0; i < n; i++) {
        const m = mu![i]!;
        const std = Math.exp(0.5 * lv![i]!);
        for (let at = i; at < z.length; at += n) z[at] = m + std * eps![at]!;
      }
    },
  });
  registerFusedKernel({
    name: REPARAMETERIZE_GRAD,
    inputs: ['logVar', 'eps', 'dz'],
    outputShape: (shapes) => [...shapes[0]!],
    compute([lv, eps, dz], out) {
      const n = out.length;
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let at = i; at < dz!.length; at += n) sum += dz![at]! * eps![at]!;
        out[i] = 0.5 * Math.exp(0.5 * lv![i]!) * sum;
      }
    },
  });
}

/**
 * Gradient of {@link REPARAMETERIZE}: `dμ = Σ_s dz`, `d log σ² = Σ_s ½·dz·ε·σ` (one fused kernel),
 * `dε = dz·σ`.
 */
export const reparameterizeGradient: GradConfig = {
  kernelName: REPARAMETERIZE,
  inputsToSave: ['mu', 'logVar', 'eps'],
  gradFunc: (dy, saved) => {
    const [mu, logVar, eps] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
    const dz = dy as tf.Tensor;
    const samples = eps.size / Math.max(1, mu.size);
    return {
      mu: () => (samples === 1 ? tf.reshape(dz, mu.shape) : tf.sum(dz, 0)),
      logVar: () => runFusedKernel(REPARAMETERIZE_GRAD, { logVar, eps, dz }),
      eps: () => tf.mul(dz, tf.exp(tf.mul(logVar, 0.5))),
    };
  },
};
