import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { createParamStore } from '../params/param-store.js';
import { randomNormal } from '../random/random-tensors.js';
import type { ConvPadding } from './conv-geometry.js';
import {
  expectConvOutput,
  refConv2dTranspose,
  samePadBefore,
  toTensor4,
} from './conv-reference.testutil.js';
import { conv2d } from './conv2d.js';
import { conv2dTranspose } from './conv2d-transpose.js';
import { checkLayerGrads } from './grad-check.testutil.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

// Input 3×3; expected output sizes from PyTorch's formula (n−1)s − 2p + k + op, or n·s for 'same'.
const CASES: { k: number; stride: number; padding: ConvPadding; op: number; out: number }[] = [
  { k: 3, stride: 1, padding: 'valid', op: 0, out: 5 },
  { k: 3, stride: 2, padding: 'valid', op: 0, out: 7 },
  { k: 3, stride: 2, padding: 'same', op: 0, out: 6 },
  { k: 3, stride: 2, padding: 1, op: 1, out: 6 },
  { k: 4, stride: 2, padding: 1, op: 0, out: 6 },
];

describe('conv2dTranspose', () => {
  it('stores the filter as [kh, kw, cout, cin]; torchDefault bound uses fanIn = kh·kw·cout', () => {
    const store = createParamStore();
    const layer = conv2dTranspose(store, 'd', {
      inChannels: 5,
      outChannels: 2,
      kernelSize: 3,
      seed: 1,
    });
    expect(layer.params.weight!.shape).toEqual([3, 3, 2, 5]);
    const w = Array.from(layer.params.weight!.dataSync(), Math.abs);
    const bound = 1 / Math.sqrt(18);
    expect(Math.max(...w)).toBeLessThanOrEqual(bound);
    expect(Math.max(...w)).toBeGreaterThan(0.9 * bound); // 90 draws: the largest is close to it
    store.dispose();
  });

  for (const { k, stride, padding, op, out } of CASES) {
    const label = `k ${k}, stride ${stride}, padding ${padding}, outputPadding ${op}`;
    const opts = {
      inChannels: 2,
      outChannels: 3,
      kernelSize: k,
      stride,
      padding,
      outputPadding: op,
    };
    it(`${label}: output shape and values match a naive scatter`, () => {
      const store = createParamStore();
      const layer = conv2dTranspose(store, 'd', { ...opts, seed: 5 });
      const x = randomNormal([2, 3, 3, 2], 9);
      const y = layer.apply(x);
      expect(y.shape).toEqual([2, out, out, 3]);
      const pad =
        padding === 'same' ? samePadBefore(out, k, stride) : padding === 'valid' ? 0 : padding;
      const w = toTensor4(layer.params.weight!);
      const ref = refConv2dTranspose(toTensor4(x), w, stride, pad, pad, out, out);
      expectConvOutput(y, ref, layer.params.bias!);
      tf.dispose([x, y]);
      store.dispose();
    });

    it(`${label}: input and parameter gradients match finite differences on wasm`, () => {
      const store = createParamStore();
      const layer = conv2dTranspose(store, 'd', { ...opts, activation: 'tanh', seed: 3 });
      const x = randomNormal([2, 3, 3, 2], 4);
      const r = checkLayerGrads((t) => layer.apply(t), x, store, { seed: 2 });
      expect(r.checked).toBe(36 + k * k * 6 + 3);
      expect(r.ok, r.summary).toBe(true);
      tf.dispose(x);
      store.dispose();
    });
  }

  it('is the adjoint of conv2d with the same filter: <conv(u), v> = <u, convT(v)>', () => {
    for (const padding of ['valid', 'same', 1] as ConvPadding[]) {
      const store = createParamStore();
      const base = { kernelSize: 3, stride: 2, padding, useBias: false };
      const c = conv2d(store, 'c', { ...base, inChannels: 2, outChannels: 3, seed: 1 });
      const d = conv2dTranspose(store, 'd', { ...base, inChannels: 3, outChannels: 2, seed: 2 });
      d.params.weight!.assign(c.params.weight!); // both [3, 3, 2, 3]
      // Sizes where convT's output size is u's size (7 → 3 → 7, 7 → 4 → 7, 8 → 4 → 8).
      const n = padding === 'same' ? 8 : 7;
      const u = randomNormal([1, n, n, 2], 3);
      const cu = c.apply(u);
      const v = randomNormal(cu.shape, 4);
      const dv = d.apply(v);
      expect(dv.shape).toEqual(u.shape);
      const lhs = tf.sum(tf.mul(cu, v)).dataSync()[0]!;
      const rhs = tf.sum(tf.mul(u, dv)).dataSync()[0]!;
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-4 * (1 + Math.abs(lhs)));
      tf.dispose([u, cu, v, dv]);
      store.dispose();
    }
  });

  it('throws ShapeError for a wrong input and InvalidArgumentError for bad outputPadding', () => {
    const store = createParamStore();
    const layer = conv2dTranspose(store, 'd', {
      inChannels: 4,
      outChannels: 1,
      kernelSize: 3,
      seed: 1,
    });
    const bad = tf.zeros([1, 3, 3, 2]);
    expect(() => layer.apply(bad)).toThrow(ShapeError);
    tf.dispose(bad);
    expect(() =>
      conv2dTranspose(store, 'e', {
        inChannels: 1,
        outChannels: 1,
        kernelSize: 3,
        stride: 2,
        outputPadding: 2,
        seed: 1,
      }),
    ).toThrow(InvalidArgumentError);
    store.dispose();
  });
});
