import type { GradConfig } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { registerFusedKernel, runFusedKernel } from './fused-kernel.js';

/**
 * Kernel: `KL(N(μ, σ²) ‖ N(0, 1))` per element, `½·(μ² + exp(log σ²) − 1 − log σ²)` nats. Inputs
 * `mu`, `logVar` (same shape); output of that shape.
 */
export const KL_STANDARD_NORMAL = 'LatentkitKlStandardNormal';

/** Kernel: the `logVar` gradient of {@link KL_STANDARD_NORMAL}, `½·dy·expm1(log σ²)`. */
export const KL_STANDARD_NORMAL_GRAD = 'LatentkitKlStandardNormalGrad';

/** Registers both kernels (idempotent). */
export function registerKlStandardNormalKernels(): void {
  registerFusedKernel({
    name: KL_STANDARD_NORMAL,
    inputs: ['mu', 'logVar'],
    outputShape: (shapes) => [...shapes[0]!],
    compute([mu, lv], out) {
      for (let i = 0; i < out.length; i++) {
        const m = mu![i]!;
        const v = lv![i]!;
        // expm1 keeps the value exact near the prior (μ = 0, log σ² = 0), where it is ~0.
        out[i] = 0.5 * (m * m + Math.expm1(v) - v);
      }
    },
  });
  registerFusedKernel({
    name: KL_STANDARD_NORMAL_GRAD,
    inputs: ['logVar', 'dy'],
    outputShape: (shapes) => [...shapes[0]!],
    compute([lv, dy], out) {
      for (let i = 0; i < out.length; i++) out[i] = 0.5 * dy![i]! * Math.expm1(lv![i]!);
    },
  });
}

/** Gradient of {@link KL_STANDARD_NORMAL}: `dμ = dy·μ`, `d log σ² = ½·dy·expm1(log σ²)`. */
export const klStandardNormalGradient: GradConfig = {
  kernelName: KL_STANDARD_NORMAL,
  inputsToSave: ['mu', 'logVar'],
  gradFunc: (dy, saved) => {
    const [mu, logVar] = saved as [tf.Tensor, tf.Tensor];
    return {
      mu: () => tf.mul(dy as tf.Tensor, mu),
      logVar: () => runFusedKernel(KL_STANDARD_NORMAL_GRAD, { logVar, dy: dy as tf.Tensor }),
    };
  },
};
