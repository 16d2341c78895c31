import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { convAxes } from '../gradients/conv-axes.js';
import { conv2dFilterGrad } from '../gradients/conv-filter-grad.js';
import { relativeError, uniformValues } from '../gradients/conv-geometries.testutil.js';
import { canRunConvFilterGrad, LATENTKIT_CONV_FILTER_GRAD } from './conv-filter-grad-kernel.js';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

/** dW in float64 straight from the definition, zeros outside the input. */
function referenceFilterGrad(
  x: Float32Array,
  xShape: Shape4,
  dy: Float32Array,
  dyShape: Shape4,
  filter: Shape4,
  strides: [number, number],
  before: [number, number],
): Float64Array {
  const [n, h, w, cin] = xShape;
  const [, oh, ow, cout] = dyShape;
  const [kh, kw] = filter;
  const dw = new Float64Array(kh * kw * cin * cout);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      for (let xo = 0; xo < ow; xo++) {
        for (let i = 0; i < kh; i++) {
          const r = y * strides[0] - before[0] + i;
          if (r < 0 || r >= h) continue;
          for (let j = 0; j < kw; j++) {
            const c = xo * strides[1] - before[1] + j;
            if (c < 0 || c >= w) continue;
            for (let ci = 0; ci < cin; ci++) {
              const xv = x[((b * h + r) * w + c) * cin + ci]!;
              const out = ((i * kw + j) * cin + ci) * cout;
              const g = ((b * oh + y) * ow + xo) * cout;
              for (let co = 0; co < cout; co++) dw[out + co]! += xv * dy[g + co]!;
            }
          }
        }
      }
    }
  }
  return dw;
}

// Padding, strides 1 and 2 (and mixed), odd sizes, channels not multiples of 4, kernels larger
// than the input, batches that split into uneven blocks.
const CASES: { name: string; x: Shape4; filter: Shape4; strides: [number, number]; pad: Pad }[] = [
  {
    name: '3×3 s2 same, Cin 1',
    x: [5, 9, 9, 1],
    filter: [3, 3, 1, 7],
    strides: [2, 2],
    pad: 'same',
  },
  { name: '3×3 s1 same, odd', x: [3, 7, 5, 3], filter: [3, 3, 3, 5], strides: [1, 1], pad: 'same' },
  {
    name: '3×3 s2 same, even',
    x: [4, 14, 14, 6],
    filter: [3, 3, 6, 9],
    strides: [2, 2],
    pad: 'same',
  },
  { name: '4×4 s2 valid', x: [3, 15, 15, 3], filter: [4, 4, 3, 5], strides: [2, 2], pad: 'valid' },
  { name: '1×1 s1', x: [2, 6, 6, 13], filter: [1, 1, 13, 3], strides: [1, 1], pad: 'valid' },
  { name: '1×1 s2', x: [2, 7, 7, 5], filter: [1, 1, 5, 6], strides: [2, 2], pad: 'same' },
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
  {
    name: '7×7 s1 same, 17 ch',
    x: [3, 7, 7, 17],
    filter: [7, 7, 17, 11],
    strides: [1, 1],
    pad: 'same',
  },
];

describe('LatentkitConv2DFilterGrad (wasm im2col + GEMM)', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
  });

  it('runs on this engine (wasm SIMD)', () => {
    expect(canRunConvFilterGrad(tf.backend())).toBe(true);
  });

  it.each(CASES)('$name equals a float64 reference for blocks of 1, 2 and all images', (c) => {
    const [ah, aw] = convAxes(c.x, c.filter, c.strides, c.pad, undefined);
    const dyShape: Shape4 = [c.x[0], ah.out, aw.out, c.filter[3]];
    const xs = uniformValues(c.x, `${c.name} x`);
    const dys = uniformValues(dyShape, `${c.name} dy`);
    const want = referenceFilterGrad(xs, c.x, dys, dyShape, c.filter, c.strides, [
      ah.before,
      aw.before,
    ]);
    for (const blockImages of [1, 2, c.x[0]]) {
      const before = tf.memory().numTensors;
      const got = tf.tidy(() =>
        conv2dFilterGrad(
          tf.tensor4d(xs, c.x),
          tf.tensor4d(dys, dyShape),
          c.filter,
          c.strides,
          c.pad,
          1,
          undefined,
          { method: 'wasmIm2col', blockImages },
        ).dataSync(),
      );
      expect(tf.memory().numTensors).toBe(before);
      expect(relativeError(got, want)).toBeLessThan(1e-5);
    }
  });

  it('leaves no scratch buffer behind and runs as one kernel', async () => {
    const x = tf.randomNormal([4, 8, 8, 3], 0, 1, 'float32', 1);
    const dy = tf.randomNormal([4, 4, 4, 5], 0, 1, 'float32', 2);
    const bytes = tf.memory().numBytes;
    const p = await tf.profile(() =>
      conv2dFilterGrad(x, dy, [3, 3, 3, 5], 2, 'same', 1, undefined, { blockImages: 3 }),
    );
    expect(p.kernelNames).toEqual([LATENTKIT_CONV_FILTER_GRAD]);
    expect(p.newTensors).toBe(1);
    (p.result as tf.Tensor).dispose();
    expect(tf.memory().numBytes).toBe(bytes);
    tf.dispose([x, dy]);
  });

  it('rejects a blockImages that is not an integer ≥ 1', () => {
    const x = tf.zeros([2, 8, 8, 3]);
    const dy = tf.zeros([2, 4, 4, 4]);
    for (const blockImages of [0, 1.5, Number.NaN]) {
      expect(() =>
        conv2dFilterGrad(x, dy, [3, 3, 3, 4], 2, 'same', 1, undefined, { blockImages }),
      ).toThrow(/blockImages/);
    }
    tf.dispose([x, dy]);
  });

  it('rejects a dy that does not match the convolution', () => {
    const x = tf.zeros([2, 8, 8, 3]);
    const dy = tf.zeros([2, 8, 8, 4]);
    expect(() =>
      conv2dFilterGrad(x, dy, [3, 3, 3, 4], 2, 'same', 1, undefined, { method: 'wasmIm2col' }),
    ).toThrow(/do not match/);
    tf.dispose([x, dy]);
  });
});
