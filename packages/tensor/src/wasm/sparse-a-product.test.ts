import { createRng } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { gemm } from '../kernels/gemm.js';
import { wasmGemm } from './gemm-instance.js';
import {
  SPARSE_MIN_COLUMNS,
  SPARSE_NN_CROSSOVER,
  SPARSE_TN_CROSSOVER,
  sparseGemmCounts,
} from './sparse-a-product.js';
import { SPARSE_BLOCK_ROWS } from './sparse-gemm-module.js';
import { heapAddress, type WasmBackendInternals } from './wasm-backend-heap.js';

// The zero-skipping products: the kernels against the dense ones (bit for bit), gemm's choice at
// several densities against the cpu backend, and NaN/Inf propagation.

/** `n` normal values of which a fraction `density` (in expectation) is nonzero. */
function sparseValues(n: number, density: number, label: string): Float32Array<ArrayBuffer> {
  const rng = createRng(5).fork(label);
  return Float32Array.from({ length: n }, () => (rng.next() < density ? rng.normal() : 0));
}

interface Product {
  a: Float32Array;
  b: Float32Array;
  bias?: Float32Array;
  m: number;
  k: number;
  n: number;
  tA: boolean;
  relu?: boolean;
}

/** `gemm` of a product on a backend, as plain values. */
async function on(backend: 'wasm' | 'cpu', p: Product): Promise<Float32Array<ArrayBuffer>> {
  await initBackend({ backend });
  return tf.tidy(() => {
    const a = tf.tensor(p.a, p.tA ? [p.k, p.m] : [p.m, p.k]);
    const b = tf.tensor(p.b, [p.k, p.n]);
    const y = gemm(a, b, {
      transposeA: p.tA,
      activation: p.relu ? 'relu' : 'linear',
      ...(p.bias ? { bias: tf.tensor(p.bias) } : {}),
    });
    return y.dataSync() as Float32Array<ArrayBuffer>;
  });
}

/** Σ|a_ik·b_kj| (+ |bias_j|) per output: the scale of float32 rounding of each sum. */
function scales(p: Product): Float64Array {
  const s = new Float64Array(p.m * p.n);
  for (let i = 0; i < p.m; i++) {
    for (let j = 0; j < p.n; j++) {
      let t = p.bias ? Math.abs(p.bias[j]!) : 0;
      for (let q = 0; q < p.k; q++) {
        t += Math.abs(p.a[p.tA ? q * p.m + i : i * p.k + q]! * p.b[q * p.n + j]!);
      }
      s[i * p.n + j] = t;
    }
  }
  return s;
}

/** wasm's result agrees with cpu's: same NaN and ±Inf places, finite values to float32 rounding. */
function expectAgree(wasm: Float32Array, cpu: Float32Array, scale: Float64Array, label: string) {
  expect(wasm.length).toBe(cpu.length);
  for (let i = 0; i < wasm.length; i++) {
    const [x, y] = [wasm[i]!, cpu[i]!];
    if (!Number.isFinite(y)) {
      expect(x, `${label} [${i}]`).toBe(y); // toBe treats NaN as equal to NaN
    } else {
      expect(Math.abs(x - y), `${label} [${i}]`).toBeLessThanOrEqual(1e-5 * scale[i]! + 1e-30);
    }
  }
}

/** Runs `fn` and returns how many products took the sparse and the dense path meanwhile. */
async function counted(fn: () => Promise<unknown>): Promise<{ sparse: number; dense: number }> {
  const before = { ...sparseGemmCounts };
  await fn();
  return {
    sparse: sparseGemmCounts.sparse - before.sparse,
    dense: sparseGemmCounts.dense - before.dense,
  };
}

describe('zero-skipping gemm', () => {
  it('the sparse kernels give the dense kernels’ results bit for bit (tails, blocks, epilogues)', async () => {
    await initBackend({ backend: 'wasm' });
    const kernels = wasmGemm(tf.backend())!;
    const backend = tf.backend() as unknown as WasmBackendInternals;
    const at = (t: tf.TensorInfo) => heapAddress(backend, t);
    // M spans several row blocks with a remainder; N hits every panel width and scalar columns.
    const shapes: [number, number, number][] = [
      [2 * SPARSE_BLOCK_ROWS + 5, 37, 31],
      [9, 130, 23],
      [1, 7, 3],
      [33, 1, 16],
    ];
    for (const [m, k, n] of shapes) {
      for (const density of [0, 0.05, 0.5, 1]) {
        for (const tA of [false, true]) {
          for (const flags of [0, 3]) {
            const label = `${m}×${k}×${n} density ${density} tA ${tA} flags ${flags}`;
            tf.tidy(() => {
              const a = tf.tensor(sparseValues(m * k, density, label), tA ? [k, m] : [m, k]);
              const b = tf.tensor(sparseValues(k * n, 1, `b ${label}`), [k, n]);
              const bias = tf.tensor(sparseValues(n, 1, `bias ${label}`));
              const dense = tf.fill([m, n], 7);
              const sparse = tf.fill([m, n], 7);
              const list = tf.zeros([SPARSE_BLOCK_ROWS + 2 * k * Math.min(m, SPARSE_BLOCK_ROWS)]);
              const [pa, pb, pbias] = [at(a), at(b), at(bias)];
              (tA ? kernels.tn : kernels.nn)(pa, pb, at(dense), pbias, m, n, k, flags);
              (tA ? kernels.stn : kernels.snn)(pa, pb, at(sparse), pbias, m, n, k, flags, at(list));
              expect(Array.from(sparse.dataSync()), label).toEqual(Array.from(dense.dataSync()));
            });
          }
        }
      }
    }
  });

  describe.each([false, true])('tA %s', (tA) => {
    const crossover = tA ? SPARSE_TN_CROSSOVER : SPARSE_NN_CROSSOVER;
    it.each([0, 0.05, 0.5, 1])(
      'at density %s matches the cpu backend and picks the path by density',
      async (density) => {
        const [m, k, n] = [67, 83, 70]; // 70 columns: panels of 16 and 4, then 2 scalar columns
        const label = `density ${density} tA ${tA}`;
        const p: Product = {
          a: sparseValues(m * k, density, label),
          b: sparseValues(k * n, 1, `b ${label}`),
          bias: sparseValues(n, 1, `bias ${label}`),
          m,
          k,
          n,
          tA,
          relu: true,
        };
        let wasm = new Float32Array();
        const counts = await counted(async () => {
          wasm = await on('wasm', p);
        });
        expect(counts).toEqual(
          density < crossover ? { sparse: 1, dense: 0 } : { sparse: 0, dense: 1 },
        );
        expectAgree(wasm, await on('cpu', p), scales(p), label);
      },
    );

    it('propagates Inf and NaN of B where A is zero (0·Inf = NaN) by running dense', async () => {
      const [m, k, n] = [40, 60, 70];
      const a = sparseValues(m * k, 0.05, 'a nonfinite');
      const b = sparseValues(k * n, 1, 'b nonfinite');
      b[3 * n + 4] = Number.POSITIVE_INFINITY; // row 3 of B: a_i3 is zero for most i
      b[10 * n + 7] = Number.NaN;
      b[59 * n + 69] = Number.NEGATIVE_INFINITY;
      const p: Product = { a, b, m, k, n, tA };
      let wasm = new Float32Array();
      const counts = await counted(async () => {
        wasm = await on('wasm', p);
      });
      expect(counts).toEqual({ sparse: 0, dense: 1 });
      const cpu = await on('cpu', p);
      expect(Number.isNaN(cpu[4]!)).toBe(true); // 0·Inf in the cpu backend's sum
      expectAgree(wasm, cpu, scales(p), 'nonfinite B');
    });

    it('propagates NaN and Inf of A on the sparse path', async () => {
      const [m, k, n] = [40, 60, 70];
      const a = sparseValues(m * k, 0.05, 'a with NaN');
      a[tA ? 5 * m + 2 : 2 * k + 5] = Number.NaN; // a[2, 5]
      a[tA ? 9 * m + 30 : 30 * k + 9] = Number.POSITIVE_INFINITY; // a[30, 9]
      const p: Product = { a, b: sparseValues(k * n, 1, 'b with NaN'), m, k, n, tA };
      let wasm = new Float32Array();
      const counts = await counted(async () => {
        wasm = await on('wasm', p);
      });
      expect(counts).toEqual({ sparse: 1, dense: 0 });
      expect(wasm.slice(2 * n, 3 * n).every(Number.isNaN)).toBe(true);
      expectAgree(wasm, await on('cpu', p), scales(p), 'nonfinite A');
    });
  });

  it('keeps narrow products dense at any density', async () => {
    const [m, k, n] = [128, 400, SPARSE_MIN_COLUMNS - 1];
    const p: Product = {
      a: sparseValues(m * k, 0.05, 'narrow'),
      b: sparseValues(k * n, 1, 'bn'),
      m,
      k,
      n,
      tA: false,
    };
    let wasm = new Float32Array();
    const counts = await counted(async () => {
      wasm = await on('wasm', p);
    });
    expect(counts).toEqual({ sparse: 0, dense: 1 });
    expectAgree(wasm, await on('cpu', p), scales(p), 'narrow');
  });

  it('leaves no tensors or buffers behind', async () => {
    await initBackend({ backend: 'wasm' });
    const a = tf.tensor(sparseValues(50 * 70, 0.1, 'leak'), [50, 70]);
    const b = tf.randomNormal([70, 72], 0, 1, 'float32', 3);
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    const counts = await counted(async () => {
      tf.dispose(tf.grads((x: tf.Tensor, w: tf.Tensor) => tf.sum(gemm(x, w)))([a, b]));
    });
    expect(counts.sparse).toBeGreaterThanOrEqual(1); // x·w forward
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    tf.dispose([a, b]);
  });
});
