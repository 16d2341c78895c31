import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { createParamStore } from '../params/param-store.js';
import { randomNormal } from '../random/random-tensors.js';
import type { ConvPadding } from './conv-geometry.js';
import {
  expectConvOutput,
  refConv2d,
  samePadBefore,
  toTensor4,
} from './conv-reference.testutil.js';
import { conv2d } from './conv2d.js';
import { checkLayerGrads } from './grad-check.testutil.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const CASES: { stride: number; padding: ConvPadding; out: number }[] = [
  { stride: 1, padding: 'valid', out: 6 },
  { stride: 1, padding: 'same', out: 8 },
  { stride: 2, padding: 'valid', out: 3 },
  { stride: 2, padding: 'same', out: 4 },
  { stride: 2, padding: 1, out: 4 },
];

describe('conv2d', () => {
  it('stores the filter as [kh, kw, cin, cout] with torchDefault bounds ±1/√(kh·kw·cin)', () => {
    const store = createParamStore();
    const layer = conv2d(store, 'c', {
      inChannels: 3,
      outChannels: 4,
      kernelSize: [3, 2],
      seed: 1,
    });
    expect(layer.params.weight!.shape).toEqual([3, 2, 3, 4]);
    expect(layer.params.bias!.shape).toEqual([4]);
    const bound = 1 / Math.sqrt(18);
    for (const v of Object.values(layer.params)) {
      expect(Math.max(...Array.from(v.dataSync(), Math.abs))).toBeLessThanOrEqual(bound);
    }
    store.dispose();
  });

  for (const { stride, padding, out } of CASES) {
    it(`stride ${stride}, padding ${padding}: output matches a naive convolution`, () => {
      const store = createParamStore();
      const layer = conv2d(store, 'c', {
        inChannels: 2,
        outChannels: 3,
        kernelSize: 3,
        stride,
        padding,
        seed: 5,
      });
      const x = randomNormal([2, 8, 8, 2], 9);
      const y = layer.apply(x);
      expect(y.shape).toEqual([2, out, out, 3]);
      const pad =
        padding === 'same' ? samePadBefore(8, 3, stride) : padding === 'valid' ? 0 : padding;
      const w = toTensor4(layer.params.weight!);
      const ref = refConv2d(toTensor4(x), w, stride, pad, pad, out, out);
      expectConvOutput(y, ref, layer.params.bias!);
      tf.dispose([x, y]);
      store.dispose();
    });

    it(`stride ${stride}, padding ${padding}: input and parameter gradients match finite differences on wasm`, () => {
      const store = createParamStore();
      const layer = conv2d(store, 'c', {
        inChannels: 2,
        outChannels: 3,
        kernelSize: 3,
        stride,
        padding,
        activation: 'tanh',
        seed: 3,
      });
      const x = randomNormal([2, 6, 6, 2], 4);
      const r = checkLayerGrads((t) => layer.apply(t), x, store, { seed: 1 });
      expect(r.checked).toBe(144 + 54 + 3);
      expect(r.ok, r.summary).toBe(true);
      tf.dispose(x);
      store.dispose();
    });
  }

  it('throws ShapeError for wrong rank or channels, or an input smaller than the kernel', () => {
    const store = createParamStore();
    const layer = conv2d(store, 'enc.c1', {
      inChannels: 3,
      outChannels: 2,
      kernelSize: 5,
      seed: 1,
    });
    const wrongC = tf.zeros([1, 8, 8, 1]);
    const wrongRank = tf.zeros([8, 8, 3]);
    const tiny = tf.zeros([1, 4, 4, 3]);
    expect(() => layer.apply(wrongC)).toThrow(ShapeError);
    expect(() => layer.apply(wrongC)).toThrow(/enc\.c1: input has shape \[1, 8, 8, 1\]/);
    expect(() => layer.apply(wrongRank)).toThrow(ShapeError);
    expect(() => layer.apply(tiny)).toThrow(/too small/);
    tf.dispose([wrongC, wrongRank, tiny]);
    expect(() =>
      conv2d(store, 'x', { inChannels: 1, outChannels: 1, kernelSize: 3, padding: -1, seed: 1 }),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      conv2d(store, 'y', { inChannels: 1, outChannels: 1, kernelSize: 3, stride: 0, seed: 1 }),
    ).toThrow(InvalidArgumentError);
    store.dispose();
  });
});
