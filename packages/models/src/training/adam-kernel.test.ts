import { createRng } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { adamReference, createAdamKernel } from './adam-kernel.js';

describe('adam kernel', () => {
  it('the SIMD loop equals the float32-rounded JS loop, on a shared memory too', () => {
    for (const shared of [false, true]) {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared });
      const k = createAdamKernel(memory);
      expect(k.simd).toBe(true);
      expect(createAdamKernel(memory, { simd: false }).simd).toBe(false);
      const n = 1023;
      const heap = new Float32Array(memory.buffer);
      const rng = createRng(5);
      for (let i = 0; i < 4 * n; i++) heap[i] = rng.normal();
      for (let i = 3 * n; i < 4 * n; i++) heap[i] = Math.abs(heap[i]!);
      const copy = heap.slice(0, 4 * n);
      const c = {
        beta1: 0.9,
        oneMinusBeta1: 0.1,
        beta2: 0.999,
        oneMinusBeta2: 0.001,
        bc2Sqrt: 0.0316,
        eps: 1e-8,
        stepSize: 0.01,
      };
      k.adam(0, 4 * n, 8 * n, 12 * n, n, c);
      adamReference(copy, 0, 4 * n, 8 * n, 12 * n, n, c);
      expect(heap.slice(0, 4 * n)).toEqual(copy);
      const sum = Float32Array.from({ length: n }, (_, i) => Math.fround(heap[i]! + heap[n + i]!));
      k.add(0, 4 * n, n);
      expect(heap.slice(0, n)).toEqual(sum);
    }
  });
});
