import { createRng, InvalidArgumentError, ShapeError, UnknownOptionError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { wasmBackendMemory } from '../wasm/wasm-backend-heap.js';
import { gemm } from './gemm.js';
import { LATENTKIT_GEMM, registerGemmKernels } from './gemm-kernel.js';

// gemm on wasm (latentkit's SIMD kernels) and cpu (the backend's matMul) against a float64 triple
// loop, on shapes that hit every tile edge of the kernels (M mod 4, N mod 8, N mod 4, K mod 4),
// single rows and columns, empty inner sizes and the reference VAE's products.

interface Case {
  m: number;
  k: number;
  n: number;
  tA: boolean;
  tB: boolean;
  bias: boolean;
  relu: boolean;
}

const LAYOUTS: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];
const SMALL: [number, number, number][] = [
  [1, 1, 1],
  [1, 9, 13],
  [13, 9, 1],
  [7, 1, 5],
  [5, 3, 12],
  [4, 8, 8],
  [9, 17, 21],
  [6, 5, 3],
  [11, 37, 30],
];
// The products of one training step of the 784-400-20 VAE (batch 128), as [m, k, n] per layout.
const REFERENCE: [number, number, number, boolean, boolean][] = [
  [128, 784, 400, false, false],
  [128, 400, 784, false, false],
  [128, 400, 20, false, false],
  [128, 20, 400, false, false],
  [784, 128, 400, true, false],
  [400, 128, 20, true, false],
  [20, 128, 400, true, false],
  [128, 784, 400, false, true],
  [128, 20, 400, false, true],
  [128, 400, 20, false, true],
];

const cases: Case[] = [
  ...SMALL.flatMap(([m, k, n]) =>
    LAYOUTS.flatMap(([tA, tB]) =>
      [
        [false, false],
        [true, false],
        [true, true],
      ].map(([bias, relu]) => ({ m, k, n, tA, tB, bias: bias!, relu: relu! })),
    ),
  ),
  ...REFERENCE.map(([m, k, n, tA, tB]) => ({ m, k, n, tA, tB, bias: true, relu: !tA && !tB })),
];

interface Problem {
  c: Case;
  a: Float32Array;
  b: Float32Array;
  bias: Float32Array;
}

function problem(c: Case, i: number): Problem {
  const rng = createRng(11).fork(`gemm ${i}`);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  return { c, a: fill(c.m * c.k), b: fill(c.k * c.n), bias: fill(c.n) };
}

/** Float64 reference and Σ|terms| per output (the scale of float32 rounding in the sum). */
function reference(p: Problem): { y: Float64Array; scale: Float64Array } {
  const { m, k, n, tA, tB } = p.c;
  const y = new Float64Array(m * n);
  const scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = p.c.bias ? p.bias[j]! : 0;
      let abs = Math.abs(s);
      for (let t = 0; t < k; t++) {
        const x = p.a[tA ? t * m + i : i * k + t]! * p.b[tB ? j * k + t : t * n + j]!;
        s += x;
        abs += Math.abs(x);
      }
      y[i * n + j] = p.c.relu ? Math.max(s, 0) : s;
      scale[i * n + j] = abs;
    }
  }
  return { y, scale };
}

function run(p: Problem): Float32Array {
  const { m, k, n, tA, tB } = p.c;
  return tf.tidy(() => {
    const a = tf.tensor(p.a, tA ? [k, m] : [m, k]);
    const b = tf.tensor(p.b, tB ? [n, k] : [k, n]);
    const options = {
      transposeA: tA,
      transposeB: tB,
      activation: p.c.relu ? ('relu' as const) : ('linear' as const),
      ...(p.c.bias ? { bias: tf.tensor(p.bias) } : {}),
    };
    const y = gemm(a, b, options);
    expect(y.shape).toEqual([m, n]);
    return y.dataSync() as Float32Array;
  });
}

/**
 * Largest |x − ref| / (1e-5·Σ|terms|): a float32 sum of k products is within ~k·2⁻²⁴·Σ|terms|
 * of the exact one (≤ 784·6e-8 ≈ 4.7e-5 worst case, ~1e-6 typical); 1e-5 leaves room for the
 * typical case and fails for any wrong element by orders of magnitude.
 */
function worst(x: Float32Array, ref: { y: Float64Array; scale: Float64Array }): number {
  let w = 0;
  for (let i = 0; i < x.length; i++) {
    w = Math.max(w, Math.abs(x[i]! - ref.y[i]!) / (1e-5 * ref.scale[i]! + 1e-30));
  }
  return w;
}

const label = (c: Case) =>
  `[${c.m}×${c.k}]·[${c.k}×${c.n}] tA ${c.tA} tB ${c.tB} bias ${c.bias} relu ${c.relu}`;

describe('gemm', () => {
  const problems = cases.map(problem);
  const refs = problems.map(reference);

  describe.each(['wasm', 'cpu'] as const)('on %s', (backend) => {
    beforeAll(async () => {
      const info = await initBackend({ backend });
      expect(info.simdGemm).toBe(backend === 'wasm');
    });

    it('matches a float64 reference to float32 rounding on every tile edge', () => {
      problems.forEach((p, i) => {
        expect(worst(run(p), refs[i]!), label(p.c)).toBeLessThanOrEqual(1);
      });
    });

    it('launches only its own kernel (no matMul, transpose, add or relu kernels)', async () => {
      const a = tf.ones([6, 5]);
      const b = tf.ones([7, 5]);
      const bias = tf.ones([7]);
      const { kernelNames } = await tf.profile(() =>
        gemm(a, b, { transposeB: true, bias, activation: 'relu' }),
      );
      expect(kernelNames).toEqual([LATENTKIT_GEMM]);
      tf.dispose([a, b, bias]);
    });

    it('gives zeros plus the bias for an empty inner size, and empty outputs', () => {
      tf.tidy(() => {
        const y = gemm(tf.zeros([3, 0]), tf.zeros([0, 2]), { bias: tf.tensor([1, -2]) });
        expect(Array.from(y.dataSync())).toEqual([1, -2, 1, -2, 1, -2]);
        expect(gemm(tf.zeros([0, 4]), tf.ones([4, 3])).shape).toEqual([0, 3]);
      });
    });

    it('leaves no tensors or buffers behind', () => {
      const a = tf.randomNormal([9, 6]);
      const b = tf.randomNormal([6, 5]);
      const bias = tf.randomNormal([5]);
      const tensors = tf.memory().numTensors;
      const buffers = tf.engine().backend.numDataIds();
      tf.tidy(() => {
        gemm(a, b, { bias, activation: 'relu' });
      });
      const f = (x: tf.Tensor, w: tf.Tensor) => tf.sum(gemm(x, w, { bias, activation: 'relu' }));
      tf.dispose(tf.grads(f)([a, b]));
      expect(tf.memory().numTensors).toBe(tensors);
      expect(tf.engine().backend.numDataIds()).toBe(buffers);
      tf.dispose([a, b, bias]);
    });
  });

  describe('on wasm', () => {
    beforeAll(async () => {
      await initBackend({ backend: 'wasm' });
    });
    afterAll(() => registerGemmKernels());

    it('keeps working after tfjs grows the wasm memory', () => {
      const memory = wasmBackendMemory(tf.backend())!;
      const p = problems.at(-3)!;
      const before = memory.buffer.byteLength;
      const big = tf.zeros([before / 4 + 1024]); // more than the whole heap: it must grow
      expect(memory.buffer.byteLength).toBeGreaterThan(before);
      expect(worst(run(p), refs.at(-3)!)).toBeLessThanOrEqual(1);
      big.dispose();
    });

    it('falls back to stock tfjs products when its kernel is not registered', async () => {
      tf.unregisterKernel(LATENTKIT_GEMM, 'wasm');
      const a = tf.ones([6, 5]);
      const b = tf.ones([7, 5]);
      const { kernelNames } = await tf.profile(() => gemm(a, b, { transposeB: true }));
      expect(kernelNames).not.toContain(LATENTKIT_GEMM);
      expect(kernelNames).toContain('BatchMatMul');
      problems.slice(0, 40).forEach((q, i) => {
        expect(worst(run(q), refs[i]!), label(q.c)).toBeLessThanOrEqual(1);
      });
      tf.dispose([a, b]);
      registerGemmKernels();
      expect(tf.getKernel(LATENTKIT_GEMM, 'wasm')).toBeDefined();
    });
  });

  describe('input checks', () => {
    beforeAll(async () => {
      await initBackend({ backend: 'cpu' });
    });

    it('throws typed errors for bad shapes, dtypes and options', () => {
      const a = tf.ones([2, 3]);
      const b = tf.ones([3, 4]);
      expect(() => gemm(tf.ones([1, 2, 3]), b)).toThrow(ShapeError);
      expect(() => gemm(a, tf.ones([4, 3]))).toThrow(ShapeError);
      expect(() => gemm(a, b, { bias: tf.ones([3]) })).toThrow(ShapeError);
      expect(() => gemm(a, b, { bias: tf.ones([1, 4]) })).toThrow(ShapeError);
      expect(() => gemm(tf.ones([2, 3], 'int32'), b)).toThrow(InvalidArgumentError);
      expect(() => gemm(a, b, { activation: 'tanh' as 'relu' })).toThrow(UnknownOptionError);
      expect(gemm(a, tf.ones([4, 3]), { transposeB: true }).shape).toEqual([2, 4]);
    });
  });
});
