import type * as tf from '@tensorflow/tfjs-core';
import type { GradConfig } from '@tensorflow/tfjs-core';
import { columnSum } from '../kernels/column-sum-kernel.js';
import { gemm } from '../kernels/gemm.js';
import { type GemmAttrs, LATENTKIT_GEMM } from '../kernels/gemm-kernel.js';
import { reluGrad } from '../kernels/relu-grad-kernel.js';

type T = tf.Tensor;

/**
 * Gradients of `z = op(a)·op(b)` (rank 2) for the incoming gradient `g = dL/dz`, as lazily
 * evaluated {@link gemm} products that read the operands in place (no explicit transposes):
 *
 * | product   | dA               | dB               |
 * | --------- | ---------------- | ---------------- |
 * | a·b       | g·bᵀ             | aᵀ·g             |
 * | a·bᵀ      | g·b              | gᵀ·a             |
 * | aᵀ·b      | b·gᵀ             | a·g              |
 * | aᵀ·bᵀ     | bᵀ·gᵀ            | gᵀ·aᵀ            |
 */
export function productGradients(
  a: T,
  b: T,
  g: T,
  transposeA: boolean,
  transposeB: boolean,
): { da: () => T; db: () => T } {
  const tt = { transposeA: true, transposeB: true };
  if (!transposeA && !transposeB) {
    return {
      da: () => gemm(g, b, { transposeB: true }),
      db: () => gemm(a, g, { transposeA: true }),
    };
  }
  if (!transposeA) return { da: () => gemm(g, b), db: () => gemm(g, a, { transposeA: true }) };
  if (!transposeB) return { da: () => gemm(b, g, { transposeB: true }), db: () => gemm(a, g) };
  return { da: () => gemm(b, g, tt), db: () => gemm(g, a, tt) };
}

/**
 * Gradient of latentkit's fused product kernel ({@link gemm}: `y = act(op(a)·op(b) + bias)`).
 * With ReLU, `dZ = dY · [y > 0]` (the same mask as the Relu gradient's `x > 0`, since
 * `y > 0 ⇔ z > 0`); then {@link productGradients} of `dZ`, and `dBias = Σ_rows dZ`
 * (one {@link columnSum} pass; tfjs-wasm's `Sum` over axis 0 transposes first).
 */
export const gemmGradient: GradConfig = {
  kernelName: LATENTKIT_GEMM,
  inputsToSave: ['a', 'b'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [a, b, y] = saved as [T, T, T];
    const { transposeA, transposeB, activation } = attrs as unknown as GemmAttrs;
    const g = activation === 'relu' ? reluGrad(dy as T, y) : (dy as T);
    const { da, db } = productGradients(a, b, g, transposeA, transposeB);
    return { a: da, b: db, bias: () => columnSum(g) };
  },
};
