import type { GradConfig } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { wasmElementwise } from '../wasm/elementwise-module.js';
import { registerFusedKernel, runFusedKernel } from './fused-kernel.js';

/**
 * Kernel: per-row Bernoulli NLL from logits. Inputs `logits`, `targets` (same shape, rank ≥ 1);
 * output `[rows]` (rows = the first axis), each `Σ_j max(l, 0) − l·x + log1p(exp(−|l|))` over the
 * row's elements, in nats.
 */
export const BERNOULLI_NLL_ROWS = 'LatentkitBernoulliNllRows';

/**
 * Kernel: the logits' gradient of {@link BERNOULLI_NLL_ROWS}. Inputs `logits`, `targets` and `dy`
 * (`[rows]`); output `(σ(l) − x)·dy[row]`, the shape of `logits`.
 */
export const BERNOULLI_NLL_GRAD = 'LatentkitBernoulliNllGrad';

const rowsOf = (shape: readonly number[]): number => shape[0] ?? 1;

/** Rows (the first axis) and elements per row. */
function rowsAndCols(shape: readonly number[]): [number, number] {
  const rows = rowsOf(shape);
  return [rows, rows === 0 ? 0 : tf.util.sizeFromShape([...shape]) / rows];
}

/** Registers both kernels (idempotent). */
export function registerBernoulliNllKernels(): void {
  registerFusedKernel({
    name: BERNOULLI_NLL_ROWS,
    inputs: ['logits', 'targets'],
    outputShape: (shapes) => [rowsOf(shapes[0]!)],
    onHeap(backend, [l, x], out, [shape]) {
      const simd = wasmElementwise(backend);
      const [rows, cols] = rowsAndCols(shape!);
      if (!simd || cols % 4 !== 0) return false;
      if (rows * cols > 0) simd.nllRows(l!, x!, out, rows, cols, cols * 4);
      return true;
    },
    compute([l, x], out) {
      const rows = out.length;
      const cols = rows === 0 ? 0 : l!.length / rows;
      for (let r = 0; r < rows; r++) {
        let sum = 0;
        const end = (r + 1) * cols;
        for (let i = r * cols; i < end; i++) {
          const li = l![i]!;
          // Stable for any finite logit; NaN in either input gives NaN.
          sum += Math.max(li, 0) - li * x![i]! + Math.log1p(Math.exp(-Math.abs(li)));
        }
        out[r] = sum;
      }
    },
  });
  registerFusedKernel({
    name: BERNOULLI_NLL_GRAD,
    inputs: ['logits', 'targets', 'dy'],
    outputShape: (shapes) => [...shapes[0]!],
    onHeap(backend, [l, x, dy], out, [shape]) {
      const simd = wasmElementwise(backend);
      const [rows, cols] = rowsAndCols(shape!);
      if (!simd || cols % 4 !== 0) return false;
      if (rows * cols > 0) simd.nllGrad(l!, x!, dy!, out, rows, cols, cols * 4);
      return true;
    },
    compute([l, x, dy], out) {
      const rows = dy!.length;
      const cols = rows === 0 ? 0 : l!.length / rows;
      for (let r = 0; r < rows; r++) {
        const d = dy![r]!;
        const end = (r + 1) * cols;
        for (let i = r * cols; i < end; i++) {
          const li = l![i]!;
          const e = Math.exp(-Math.abs(li));
          const sigma = li >= 0 ? 1 / (1 + e) : e / (1 + e);
          out[i] = (sigma - x![i]!) * d;
        }
      }
    },
  });
}

/**
 * Gradient of {@link BERNOULLI_NLL_ROWS}: w.r.t. the logits `(σ(l) − x)·dy` (one fused kernel),
 * w.r.t. the targets `−l·dy`. tfjs asks only for the inputs that lead to what is differentiated,
 * so data targets cost nothing.
 */
export const bernoulliNllGradient: GradConfig = {
  kernelName: BERNOULLI_NLL_ROWS,
  inputsToSave: ['logits', 'targets'],
  gradFunc: (dy, saved) => {
    const [l, x] = saved as [tf.Tensor, tf.Tensor];
    const d = dy as tf.Tensor;
    const column = (): tf.Tensor => tf.reshape(d, [d.size, ...l.shape.slice(1).map(() => 1)]);
    return {
      logits: () => runFusedKernel(BERNOULLI_NLL_GRAD, { logits: l, targets: x, dy: d }),
      targets: () => tf.mul(tf.neg(l), column()),
    };
  },
};
