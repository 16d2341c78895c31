import type * as tf from '@tensorflow/tfjs-core';
import { wasmElementwise } from '../wasm/elementwise-module.js';
import { registerFusedKernel, runFusedKernel } from './fused-kernel.js';

/** Kernel: the ReLU gradient `dy·[x > 0]`. Inputs `dy`, `x` (same shape); output that shape. */
export const RELU_GRAD = 'LatentkitReluGrad';

/** Registers the kernel (idempotent). */
export function registerReluGradKernel(): void {
  registerFusedKernel({
    name: RELU_GRAD,
    inputs: ['dy', 'x'],
    outputShape: (shapes) => [...shapes[0]!],
    onHeap(backend, [dy, x], out, [shape]) {
      const simd = wasmElementwise(backend);
      const n = shape!.reduce((p, d) => p * d, 1);
      if (!simd || n % 4 !== 0) return false;
      if (n > 0) simd.reluGrad(dy!, x!, out, n);
      return true;
    },
    compute([dy, x], out) {
      // A multiply by 1 or 0 (not a select), so a NaN in dy stays NaN as in dy·cast(x > 0).
      for (let i = 0; i < out.length; i++) out[i] = dy![i]! * (x![i]! > 0 ? 1 : 0);
    },
  });
}

/**
 * `dy·[x > 0]` in one kernel (tfjs: Greater, Cast and Multiply). Passing the ReLU's output `y` for
 * `x` gives the same mask, since `y > 0 ⇔ x > 0`.
 */
export function reluGrad(dy: tf.Tensor, x: tf.Tensor): tf.Tensor {
  registerReluGradKernel();
  return runFusedKernel(RELU_GRAD, { dy, x });
}
