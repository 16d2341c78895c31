import { createRng, InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { type AdamCoefficients, adamReference, createAdamKernel } from './adam-kernel.js';

const BASE: AdamCoefficients = {
  beta1: 0.9,
  oneMinusBeta1: 0.1,
  beta2: 0.999,
  oneMinusBeta2: 0.001,
  bc2Sqrt: 0.0316,
  eps: 1e-8,
  stepSize: 0.01,
};
const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.slice().buffer);

describe('adam kernel', () => {
  it.each([
    ['plain', BASE],
    ['decoupled decay', { ...BASE, decay: 0.995 }],
    ['l2 decay', { ...BASE, l2: 0.05 }],
  ] as const)(
    '%s: the SIMD loop equals the float32-rounded JS loop, on a shared memory too',
    (_, c) => {
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
        heap[7] = -0; // a signed zero parameter and gradient
        heap[n + 9] = -0;
        const copy = heap.slice(0, 4 * n);
        const grads = heap.slice(n, 2 * n);
        k.adam(0, 4 * n, 8 * n, 12 * n, n, c);
        adamReference(copy, 0, 4 * n, 8 * n, 12 * n, n, c);
        expect(bits(heap.subarray(0, 4 * n))).toEqual(bits(copy));
        // The gradient array is read, not changed (l2 adds θ·λ on the fly).
        expect(bits(heap.subarray(n, 2 * n))).toEqual(bits(grads));
        const sum = Float32Array.from({ length: n }, (_, i) =>
          Math.fround(heap[i]! + heap[n + i]!),
        );
        k.add(0, 4 * n, n);
        expect(heap.slice(0, n)).toEqual(sum);
      }
    },
  );

  it('the variants differ as the formulas say (first step from zero moments)', () => {
    // One element: θ = 2, g = 0.5; step 1 of Adam moves θ by ≈ lr·sign(g) whatever g's size.
    const run = (c: AdamCoefficients): number => {
      const heap = new Float32Array([2, 0.5, 0, 0]);
      adamReference(heap, 0, 4, 8, 12, 1, c);
      return heap[0]!;
    };
    const first = { ...BASE, bc2Sqrt: Math.sqrt(0.001), stepSize: 0.01 / 0.1 };
    expect(run(first)).toBeCloseTo(2 - 0.01, 6);
    // Decoupled: θ·(1 − lr·λ) first, then the same Adam step.
    expect(run({ ...first, decay: 0.5 })).toBeCloseTo(1 - 0.01, 6);
    // L2 with λ = −0.5 turns g into 0.5 − 1 = −0.5: the step changes sign.
    expect(run({ ...first, l2: -0.5 })).toBeCloseTo(2 + 0.01, 6);
  });

  it('refuses coefficients with both kinds of weight decay', () => {
    const k = createAdamKernel(new WebAssembly.Memory({ initial: 1 }));
    expect(() => k.adam(0, 16, 32, 48, 4, { ...BASE, decay: 0.9, l2: 0.1 })).toThrow(
      InvalidArgumentError,
    );
  });
});
