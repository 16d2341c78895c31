import {
  createParamStore,
  createRng,
  InvalidArgumentError,
  initBackend,
  ShapeError,
  tf,
} from '@latentkit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { maskedCodeConv } from './masked-code-conv.js';
import { maskedConv2d } from './masked-conv2d.js';

afterAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};
const maxAbs = (a: ArrayLike<number>) => Math.max(...Array.from(a, Math.abs));

describe.each(['wasm', 'cpu'] as const)('maskedCodeConv on %s', (backend) => {
  it.each([
    { kernel: [5, 5] as [number, number], grid: [4, 6] },
    { kernel: [3, 7] as [number, number], grid: [3, 2] }, // kernel wider than the grid
    { kernel: [3, 1] as [number, number], grid: [4, 3] }, // rows above only
    { kernel: [1, 3] as [number, number], grid: [2, 4] }, // centre row only
  ])(
    'equals maskedConv2d (mask A) on one-hot codes, values and gradients ($kernel, grid $grid)',
    async ({ kernel, grid }) => {
      await initBackend({ backend });
      const [K, F, n] = [5, 3, 2];
      const [h, w] = grid as [number, number];
      const storeA = createParamStore();
      const storeB = createParamStore();
      const lookup = maskedCodeConv(storeA, 'l', {
        numCodes: K,
        outChannels: F,
        kernelSize: kernel,
        activation: 'tanh',
        seed: 7,
      });
      const conv = maskedConv2d(storeB, 'l', {
        inChannels: K,
        outChannels: F,
        kernelSize: kernel,
        maskType: 'A',
        activation: 'tanh',
        seed: 7,
      });
      // Same parameters from the same seed (the same conv2d initialization).
      expect(storeA.get('l.weight').dataSync()).toEqual(storeB.get('l.weight').dataSync());
      const rng = createRng(3);
      const codes = tf.tensor(
        Int32Array.from({ length: n * h * w }, () => rng.int(K)),
        [n, h, w],
        'int32',
      );
      const r = tf.tensor(
        Float32Array.from({ length: n * h * w * F }, () => rng.normal()),
        [n, h, w, F],
      );
      const run = (store: typeof storeA, f: () => tf.Tensor) => {
        const vars = [store.get('l.weight'), store.get('l.bias')];
        let y: Float32Array = new Float32Array();
        const { value, grads } = tf.variableGrads(() => {
          const out = f();
          y = out.dataSync() as Float32Array;
          return tf.sum(tf.mul(out, r)) as tf.Scalar;
        }, vars);
        const out = {
          y,
          gw: grads[vars[0]!.name]!.dataSync(),
          gb: grads[vars[1]!.name]!.dataSync(),
        };
        tf.dispose([value, ...Object.values(grads)]);
        return out;
      };
      const before = tf.memory().numTensors;
      const a = run(storeA, () => lookup.apply(codes));
      expect(tf.memory().numTensors).toBe(before);
      const b = run(storeB, () => conv.apply(tf.cast(tf.oneHot(codes, K), 'float32')));
      expect(maxDiff(a.y, b.y)).toBeLessThan(1e-5 * maxAbs(b.y));
      expect(maxAbs(b.gw)).toBeGreaterThan(0);
      expect(maxDiff(a.gw, b.gw)).toBeLessThan(1e-5 * maxAbs(b.gw));
      expect(maxDiff(a.gb, b.gb)).toBeLessThan(1e-5 * maxAbs(b.gb));
      tf.dispose([codes, r]);
      storeA.dispose();
      storeB.dispose();
    },
  );
});

describe('maskedCodeConv input', () => {
  it('treats codes outside [0, K) as zero one-hot vectors and refuses bad inputs', async () => {
    await initBackend({ backend: 'wasm' });
    const store = createParamStore();
    const layer = maskedCodeConv(store, 'l', {
      numCodes: 4,
      outChannels: 2,
      kernelSize: 3,
      seed: 1,
    });
    const other = createParamStore();
    const conv = maskedConv2d(other, 'l', {
      inChannels: 4,
      outChannels: 2,
      kernelSize: 3,
      maskType: 'A',
      seed: 1,
    });
    const codes = tf.tensor(
      [
        [
          [0, 5],
          [-1, 3],
        ],
      ],
      [1, 2, 2],
      'int32',
    );
    const y = tf.tidy(() => layer.apply(codes));
    const ref = tf.tidy(() => conv.apply(tf.cast(tf.oneHot(codes, 4), 'float32'))); // zeros rows
    expect(maxDiff(y.dataSync(), ref.dataSync())).toBeLessThan(1e-6);
    expect(() => tf.tidy(() => layer.apply(tf.zeros([1, 2, 2])))).toThrow(InvalidArgumentError);
    expect(() => tf.tidy(() => layer.apply(tf.zeros([2, 2], 'int32')))).toThrow(ShapeError);
    expect(() =>
      maskedCodeConv(store, 'm', { numCodes: 4, outChannels: 2, kernelSize: 1, seed: 1 }),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      maskedCodeConv(store, 'm', { numCodes: 4, outChannels: 2, kernelSize: 2, seed: 1 }),
    ).toThrow(InvalidArgumentError);
    tf.dispose([y, ref, codes]);
    store.dispose();
    other.dispose();
  });
});
