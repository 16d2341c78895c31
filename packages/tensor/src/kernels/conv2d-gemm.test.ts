import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { convAxes } from '../gradients/conv-axes.js';
import { relativeError, uniformValues } from '../gradients/conv-geometries.testutil.js';
import { conv2dGemm } from './conv2d-gemm.js';
import {
  type Conv2DGemmAttrs,
  LATENTKIT_CONV2D_GEMM,
  registerConv2DGemmKernel,
} from './conv2d-gemm-kernel.js';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

/** The convolution in float64 straight from the definition, zeros outside the input. */
function referenceConv(
  x: Float32Array,
  xShape: Shape4,
  f: Float32Array,
  fShape: Shape4,
  strides: [number, number],
  before: [number, number],
  out: [number, number],
): Float64Array {
  const [n, h, w, cin] = xShape;
  const [kh, kw, , cout] = fShape;
  const y = new Float64Array(n * out[0] * out[1] * cout);
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < out[0]; oy++) {
      for (let ox = 0; ox < out[1]; ox++) {
        const o = ((b * out[0] + oy) * out[1] + ox) * cout;
        for (let i = 0; i < kh; i++) {
          const r = oy * strides[0] - before[0] + i;
          if (r < 0 || r >= h) continue;
          for (let j = 0; j < kw; j++) {
            const c = ox * strides[1] - before[1] + j;
            if (c < 0 || c >= w) continue;
            for (let ci = 0; ci < cin; ci++) {
              const xv = x[((b * h + r) * w + c) * cin + ci]!;
              const fo = ((i * kw + j) * cin + ci) * cout;
              for (let co = 0; co < cout; co++) y[o + co]! += xv * f[fo + co]!;
            }
          }
        }
      }
    }
  }
  return y;
}

const CASES: { name: string; x: Shape4; filter: Shape4; strides: [number, number]; pad: Pad }[] = [
  {
    name: '3×3 s2 same, Cin 1',
    x: [5, 9, 9, 1],
    filter: [3, 3, 1, 7],
    strides: [2, 2],
    pad: 'same',
  },
  { name: '3×3 s1 same, odd', x: [3, 7, 5, 3], filter: [3, 3, 3, 5], strides: [1, 1], pad: 'same' },
  { name: '4×4 s2 valid', x: [3, 15, 15, 3], filter: [4, 4, 3, 5], strides: [2, 2], pad: 'valid' },
  { name: '1×1 s1, 13 ch', x: [2, 6, 6, 13], filter: [1, 1, 13, 3], strides: [1, 1], pad: 'valid' },
  {
    name: '2×3 s(2,1) numeric pad',
    x: [2, 9, 8, 5],
    filter: [2, 3, 5, 3],
    strides: [2, 1],
    pad: 1,
  },
  {
    name: 'explicit asymmetric pad',
    x: [2, 6, 7, 3],
    filter: [3, 2, 3, 2],
    strides: [1, 2],
    pad: [
      [0, 0],
      [2, 0],
      [1, 3],
      [0, 0],
    ],
  },
  {
    name: '5×5 over a 3×3 input',
    x: [2, 3, 3, 2],
    filter: [5, 5, 2, 3],
    strides: [1, 1],
    pad: 'same',
  },
];

describe.each(['cpu', 'wasm'] as const)('conv2dGemm on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  it.each(CASES)(
    '$name equals a float64 reference (blocks of 1, 2 and all images on wasm)',
    (c) => {
      const [ah, aw] = convAxes(c.x, c.filter, c.strides, c.pad, undefined);
      const xs = uniformValues(c.x, `${c.name} x`);
      const fs = uniformValues(c.filter, `${c.name} f`);
      const before: [number, number] = [ah.before, aw.before];
      const out: [number, number] = [ah.out, aw.out];
      const want = referenceConv(xs, c.x, fs, c.filter, c.strides, before, out);
      const start = tf.memory().numTensors;
      const got = tf.tidy(() =>
        conv2dGemm(tf.tensor4d(xs, c.x), tf.tensor4d(fs, c.filter), c.strides, c.pad).dataSync(),
      );
      expect(relativeError(got, want)).toBeLessThan(1e-5);
      if (backend === 'wasm') {
        registerConv2DGemmKernel();
        for (const blockImages of [1, 2, c.x[0]]) {
          const attrs: Conv2DGemmAttrs = {
            strides: c.strides,
            before,
            out,
            blockImages,
            pad: c.pad,
          };
          const y = tf.tidy(() =>
            (
              tf
                .engine()
                .runKernel(
                  LATENTKIT_CONV2D_GEMM,
                  { x: tf.tensor4d(xs, c.x), filter: tf.tensor4d(fs, c.filter) },
                  attrs as unknown as tf.NamedAttrMap,
                ) as tf.Tensor
            ).dataSync(),
          );
          expect(relativeError(y, want)).toBeLessThan(1e-5);
        }
      }
      expect(tf.memory().numTensors).toBe(start);
    },
  );

  it('runs as one LatentkitConv2DGemm kernel, a product deeper than 1152 as Conv2D', async () => {
    const x = tf.ones([2, 6, 6, 3]) as tf.Tensor4D;
    const f = tf.ones([3, 3, 3, 4]) as tf.Tensor4D;
    const p = await tf.profile(() => conv2dGemm(x, f, 2, 'same'));
    expect(p.kernelNames).toEqual([LATENTKIT_CONV2D_GEMM]);
    tf.dispose([x, f, p.result as tf.Tensor]);
    const deepX = tf.ones([1, 4, 4, 129]) as tf.Tensor4D;
    const deepF = tf.ones([3, 3, 129, 2]) as tf.Tensor4D; // 3·3·129 = 1161
    const q = await tf.profile(() => conv2dGemm(deepX, deepF, 1, 'same'));
    expect(q.kernelNames).toEqual(['Conv2D']);
    tf.dispose([deepX, deepF, q.result as tf.Tensor]);
  });

  it("has tf.conv2d's gradients (x and filter)", () => {
    const xShape: Shape4 = [3, 9, 8, 3];
    const fShape: Shape4 = [3, 3, 3, 5];
    const x = tf.tensor4d(uniformValues(xShape, 'grad x'), xShape);
    const f = tf.tensor4d(uniformValues(fShape, 'grad f'), fShape);
    const r = tf.tensor4d(uniformValues([3, 5, 4, 5], 'grad r'), [3, 5, 4, 5]);
    const loss = (conv: typeof conv2dGemm) => (a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(conv(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'), r));
    const stock = (a: tf.Tensor4D, b: tf.Tensor4D, s: number, p: Pad) => tf.conv2d(a, b, s, p);
    const before = tf.memory().numTensors;
    const [gx, gf] = tf.grads(loss(conv2dGemm))([x, f]) as [tf.Tensor, tf.Tensor];
    const [wx, wf] = tf.grads(loss(stock as typeof conv2dGemm))([x, f]) as [tf.Tensor, tf.Tensor];
    expect(relativeError(gx.dataSync(), wx.dataSync())).toBeLessThan(1e-5);
    expect(relativeError(gf.dataSync(), wf.dataSync())).toBeLessThan(1e-5);
    tf.dispose([gx, gf, wx, wf]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, f, r]);
  });
});
