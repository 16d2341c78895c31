import type { GradConfig } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { productGradients } from './gemm-gradient.js';
import { reduceToShape, swapLast2 } from './reduce-to-shape.js';

type T = tf.Tensor;

/**
 * BatchMatMul gradient without transposed products (the stock gradient calls
 * `matMul(…, transposeA/transposeB)`, which tfjs-wasm runs 11–13× slower than a plain product).
 *
 * Rank-2 products (every dense layer) go through latentkit's {@link gemm} kernel
 * ({@link productGradients}): on tfjs-wasm with SIMD it reads the transposed operand in place,
 * with neither an explicit transpose nor XNNPACK's re-packing of the right operand.
 *
 * Batched products use explicit transposes; for `y = a·b` (`a` is `[…, m, k]`), `da` is
 * computed as `(b·dyᵀ)ᵀ` instead of `dy·bᵀ` when `k > m` (`b` has more elements than `dy`):
 * XNNPACK re-packs the right-hand operand of every product whose right operand is a new tensor,
 * so the smaller `dyᵀ` goes on the right. Both forms compute every output element as the same
 * dot product.
 */
export const matMulGradient: GradConfig = {
  kernelName: 'BatchMatMul',
  inputsToSave: ['a', 'b'],
  gradFunc: (dy, saved, attrs) => {
    const [a, b] = saved as [T, T];
    const g = dy as T;
    const tA = attrs.transposeA as boolean;
    const tB = attrs.transposeB as boolean;
    if (a.rank === 2 && b.rank === 2) {
      const { da, db } = productGradients(a, b, g, tA, tB);
      return { a: da, b: db };
    }
    const mm = (x: T, y: T): T => tf.matMul(x, y);
    let da: () => T;
    let db: () => T;
    if (!tA && !tB) {
      const m = a.shape[a.rank - 2] as number;
      const k = a.shape[a.rank - 1] as number;
      da = k > m ? () => swapLast2(mm(b, swapLast2(g))) : () => mm(g, swapLast2(b));
      db = () => mm(swapLast2(a), g);
    } else if (!tA && tB) {
      da = () => mm(g, b);
      db = () => mm(swapLast2(g), a);
    } else if (tA && !tB) {
      da = () => mm(b, swapLast2(g));
      db = () => mm(a, g);
    } else {
      da = () => mm(swapLast2(b), swapLast2(g));
      db = () => mm(swapLast2(g), swapLast2(a));
    }
    // Batch dimensions may have been broadcast: sum them back.
    return { a: () => reduceToShape(da(), a.shape), b: () => reduceToShape(db(), b.shape) };
  },
};
