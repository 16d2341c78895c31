import type * as tf from '@tensorflow/tfjs-core';
import { type ElementwiseKernels, wasmElementwise } from '../wasm/elementwise-module.js';
import { wasmBackendMemory } from '../wasm/wasm-backend-heap.js';
import { registerFusedKernel, runFusedKernel } from './fused-kernel.js';

/** Kernel: the column sums of a matrix. Input `x` `[M, N]`; output `[N]`. */
export const COLUMN_SUM = 'LatentkitColumnSum';

/** Registers the kernel (idempotent). */
export function registerColumnSumKernel(): void {
  registerFusedKernel({
    name: COLUMN_SUM,
    inputs: ['x'],
    outputShape: (shapes) => [shapes[0]![1]!],
    onHeap(backend, [x], out, [shape]) {
      const [m, n] = shape as [number, number];
      const memory = wasmBackendMemory(backend);
      if (!memory || n === 0) return n === 0;
      columnSumAt(memory, wasmElementwise(backend), x!, out, m, n);
      return true;
    },
    compute([x], out, [shape]) {
      // tfjs's cpu Sum accumulates in float64 and rounds once: the same here.
      const [m, n] = shape as [number, number];
      const acc = new Float64Array(n);
      for (let r = 0; r < m; r++) {
        const at = r * n;
        for (let c = 0; c < n; c++) acc[c]! += x![at + c]!;
      }
      out.set(acc);
    },
  });
}

/**
 * `out[c] = Σ_r x[r, c]` for a float32 matrix `[m, n]` at byte address `x` of `memory`, into
 * float32 accumulators in row order (tfjs-wasm's `Sum` over axis 0 transposes, then sums each
 * column from 0 in row order into a float32: the same additions). The SIMD module, where given,
 * sums four columns per lane group (the same additions, in the same order); the last n mod 4
 * columns, or all of them without the module, go through the scalar loop.
 *
 * @internal
 */
export function columnSumAt(
  memory: WebAssembly.Memory,
  simd: ElementwiseKernels | undefined,
  x: number,
  out: number,
  m: number,
  n: number,
): void {
  const acc = new Float32Array(memory.buffer, out, n).fill(0);
  const quads = simd ? n >> 2 : 0;
  if (quads > 0 && m > 0) simd!.columnSum(x, out, m, 4 * quads, 4 * n);
  if (4 * quads === n) return;
  const rows = new Float32Array(memory.buffer, x, m * n);
  for (let r = 0; r < m; r++) {
    const at = r * n;
    for (let c = 4 * quads; c < n; c++) acc[c]! += rows[at + c]!;
  }
}

/**
 * `Σ_rows x` of a float32 matrix `[M, N]` → `[N]` in one pass over the rows, reading tfjs-wasm's
 * heap in place. Bit-identical to `tf.sum(x, 0)` on wasm (float32 accumulators, which tfjs-wasm
 * runs as a transpose and a sum: two kernels and a copy) and on cpu (float64 accumulators): the
 * bias gradients of dense layers.
 *
 * @param x - `[M, N]` float32.
 * @returns `[N]`.
 */
export function columnSum(x: tf.Tensor): tf.Tensor {
  registerColumnSumKernel();
  return runFusedKernel(COLUMN_SUM, { x });
}
