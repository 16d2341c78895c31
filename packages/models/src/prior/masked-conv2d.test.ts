import {
  createParamStore,
  createRng,
  InvalidArgumentError,
  initBackend,
  ShapeError,
  tf,
  UnknownOptionError,
} from '@latentkit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { type MaskType, maskedConv2d } from './masked-conv2d.js';

afterAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const normals = (n: number, seed: number): Float32Array => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
};

/** Keras's PixelConvLayer mask: rows above the centre, the centre row left of it (+ centre for B). */
function kerasMask(kh: number, kw: number, type: MaskType): boolean[][] {
  const [c, d] = [Math.floor(kh / 2), Math.floor(kw / 2)];
  return Array.from({ length: kh }, (_, a) =>
    Array.from(
      { length: kw },
      (_, b) => a < c || (a === c && (b < d || (b === d && type === 'B'))),
    ),
  );
}

/**
 * Float64 reference of y = conv_same(x, W ⊙ M) + bias and the gradients of L = Σ r·y, by loops
 * over every (output, tap) pair.
 */
function reference(
  x: Float32Array,
  w: Float32Array,
  bias: Float32Array,
  r: Float32Array,
  dims: { n: number; h: number; wd: number; kh: number; kw: number; ci: number; co: number },
  type: MaskType,
) {
  const { n, h, wd, kh, kw, ci, co } = dims;
  const mask = kerasMask(kh, kw, type);
  const [c, d] = [Math.floor(kh / 2), Math.floor(kw / 2)];
  const y = new Float64Array(n * h * wd * co);
  const dx = new Float64Array(x.length);
  const dw = new Float64Array(w.length);
  const xi = (s: number, i: number, j: number, k: number) => ((s * h + i) * wd + j) * ci + k;
  const wi = (a: number, b: number, k: number, o: number) => ((a * kw + b) * ci + k) * co + o;
  for (let s = 0; s < n; s++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < wd; j++)
        for (let o = 0; o < co; o++) {
          const yi = ((s * h + i) * wd + j) * co + o;
          let acc = bias[o]!;
          for (let a = 0; a < kh; a++)
            for (let b = 0; b < kw; b++) {
              const [p, q] = [i + a - c, j + b - d];
              if (!mask[a]![b] || p < 0 || p >= h || q < 0 || q >= wd) continue;
              for (let k = 0; k < ci; k++) {
                acc += x[xi(s, p, q, k)]! * w[wi(a, b, k, o)]!;
                dw[wi(a, b, k, o)]! += r[yi]! * x[xi(s, p, q, k)]!;
                dx[xi(s, p, q, k)]! += r[yi]! * w[wi(a, b, k, o)]!;
              }
            }
          y[yi] = acc;
        }
  const db = new Float64Array(co);
  r.forEach((v, i) => {
    db[i % co]! += v;
  });
  return { y, dx, dw, db, mask };
}

const maxAbs = (a: ArrayLike<number>) => Math.max(...Array.from(a, Math.abs));
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

const CASES = [
  { type: 'A' as const, kernel: [3, 5] as [number, number], grid: [4, 6] },
  { type: 'B' as const, kernel: [3, 3] as [number, number], grid: [5, 3] },
  { type: 'A' as const, kernel: [7, 7] as [number, number], grid: [3, 4] }, // kernel > grid
  { type: 'B' as const, kernel: [1, 3] as [number, number], grid: [2, 5] },
  { type: 'A' as const, kernel: [5, 1] as [number, number], grid: [4, 1] }, // rows above only
];

describe.each(['wasm', 'cpu'] as const)('maskedConv2d on %s', (backend) => {
  it.each(CASES)(
    'mask $type, kernel $kernel, grid $grid: values and gradients equal a float64 reference',
    async ({ type, kernel, grid }) => {
      await initBackend({ backend });
      const [kh, kw] = kernel;
      const dims = { n: 2, h: grid[0]!, wd: grid[1]!, kh, kw, ci: 3, co: 4 };
      const store = createParamStore();
      const layer = maskedConv2d(store, 'conv', {
        inChannels: 3,
        outChannels: 4,
        kernelSize: kernel,
        maskType: type,
        seed: 1,
      });
      const w = normals(kh * kw * 12, 2);
      const bias = normals(4, 3);
      store.get('conv.weight').assign(tf.tensor(w, [kh, kw, 3, 4]));
      store.get('conv.bias').assign(tf.tensor(bias, [4]));
      const xs = normals(dims.n * dims.h * dims.wd * 3, 4);
      const rs = normals(dims.n * dims.h * dims.wd * 4, 5);
      const x = tf.variable(tf.tensor(xs, [dims.n, dims.h, dims.wd, 3]));
      const r = tf.tensor(rs, [dims.n, dims.h, dims.wd, 4]);
      const before = tf.memory().numTensors;
      let y: Float32Array = new Float32Array();
      const weight = store.get('conv.weight');
      const { value, grads } = tf.variableGrads(() => {
        const out = layer.apply(x);
        expect(out.shape).toEqual([dims.n, dims.h, dims.wd, 4]);
        y = out.dataSync() as Float32Array;
        return tf.sum(tf.mul(out, r)) as tf.Scalar;
      }, [x, weight, store.get('conv.bias')]);
      const ref = reference(xs, w, bias, rs, dims, type);
      const got = {
        dx: grads[x.name]!.dataSync(),
        dw: grads[weight.name]!.dataSync(),
        db: grads[store.get('conv.bias').name]!.dataSync(),
      };
      expect(maxDiff(y, ref.y)).toBeLessThan(1e-5 * maxAbs(ref.y));
      expect(maxDiff(got.dx, ref.dx)).toBeLessThan(1e-5 * maxAbs(ref.dx));
      expect(maxDiff(got.dw, ref.dw)).toBeLessThan(1e-5 * maxAbs(ref.dw));
      expect(maxDiff(got.db, ref.db)).toBeLessThan(1e-5 * maxAbs(ref.db));
      // Masked taps get exactly zero gradient.
      for (let a = 0; a < kh; a++)
        for (let b = 0; b < kw; b++)
          if (!ref.mask[a]![b])
            for (let t = 0; t < 12; t++) expect(got.dw[(a * kw + b) * 12 + t]).toBe(0);
      tf.dispose([value, ...Object.values(grads)]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, r]);
      store.dispose();
    },
  );
});

describe('maskedConv2d options', () => {
  it('refuses even kernels, 1×1 mask A, unknown mask types and bad inputs', async () => {
    await initBackend({ backend: 'wasm' });
    const store = createParamStore();
    const base = { inChannels: 2, outChannels: 3, kernelSize: 3, maskType: 'A' as const };
    expect(() => maskedConv2d(store, 'a', { ...base, kernelSize: 4, seed: 0 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => maskedConv2d(store, 'b', { ...base, kernelSize: [3, 0], seed: 0 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => maskedConv2d(store, 'c', { ...base, kernelSize: 1, seed: 0 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => maskedConv2d(store, 'd', { ...base, maskType: 'C' as MaskType, seed: 0 })).toThrow(
      UnknownOptionError,
    );
    expect(store.names()).toEqual([]);
    const layer = maskedConv2d(store, 'ok', { ...base, maskType: 'B', seed: 0 });
    const bad =
      (shape: number[], dtype: 'float32' | 'int32' = 'float32') =>
      () =>
        tf.tidy(() => layer.apply(tf.zeros(shape, dtype)));
    expect(bad([1, 3, 3, 3])).toThrow(ShapeError);
    expect(bad([3, 3, 2])).toThrow(ShapeError);
    expect(bad([1, 3, 3, 2], 'int32')).toThrow(InvalidArgumentError);
    // A 1×1 grid under mask A sees nothing: the output is the bias.
    const a = maskedConv2d(store, 'first', { ...base, seed: 0 });
    const y = tf.tidy(() => a.apply(tf.ones([2, 1, 1, 2])));
    expect(Array.from(y.dataSync())).toEqual([
      ...store.get('first.bias').dataSync(),
      ...store.get('first.bias').dataSync(),
    ]);
    y.dispose();
    store.dispose();
  });
});
