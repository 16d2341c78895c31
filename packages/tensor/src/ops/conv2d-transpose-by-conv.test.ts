import { ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { checkGradient } from '../gradients/check-gradient.js';
import { relativeError, uniformValues } from '../gradients/conv-geometries.testutil.js';
import { LATENTKIT_CONV2D_GEMM } from '../kernels/conv2d-gemm-kernel.js';
import { conv2dTransposeByConv } from './conv2d-transpose-by-conv.js';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number;

// [input, filter [kh, kw, out, in], output shape, stride, pad]: the VQ-VAE decoder's stage
// (3×3 stride 2 'same'), a PyTorch-style 4×4 stride 2 padding 1, odd sizes with 'valid' and an
// output padding row, stride 1 with a 7×7 kernel, a 1×1 kernel (im2col filter gradient).
const cases: [Shape4, Shape4, Shape4, number, Pad][] = [
  [[2, 4, 4, 5], [3, 3, 3, 5], [2, 8, 8, 3], 2, 'same'],
  [[1, 3, 5, 2], [4, 4, 3, 2], [1, 6, 10, 3], 2, 1],
  [[2, 3, 4, 3], [3, 3, 2, 3], [2, 8, 10, 2], 2, 'valid'],
  [[1, 5, 6, 2], [7, 7, 3, 2], [1, 5, 6, 3], 1, 'same'],
  [[3, 4, 3, 4], [1, 1, 2, 4], [3, 7, 5, 2], 2, 'valid'],
];
const label = (c: (typeof cases)[number]) =>
  `x [${c[0]}] filter [${c[1]}] → [${c[2]}] stride ${c[3]} pad ${c[4]}`;

describe.each(['cpu', 'wasm'] as const)('conv2dTransposeByConv on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  it.each(cases.map((c) => [label(c), c] as const))(
    '%s: value and gradients equal tf.conv2dTranspose with the registry gradient',
    (name, [xShape, wShape, outShape, s, pad]) => {
      const x = tf.tensor4d(uniformValues(xShape, `${name} x`), xShape);
      const w = tf.tensor4d(uniformValues(wShape, `${name} w`), wShape);
      const r = tf.tensor4d(uniformValues(outShape, `${name} r`), outShape);
      const run = (f: (a: tf.Tensor4D, b: tf.Tensor4D) => tf.Tensor) =>
        tf.tidy(() => {
          const g = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
            tf.sum(tf.mul(f(a as tf.Tensor4D, b as tf.Tensor4D), r)),
          )([x, w]);
          return [f(x, w), ...g].map((t) => t.dataSync() as Float32Array);
        });
      const before = tf.memory().numTensors;
      const mine = run((a, b) => conv2dTransposeByConv(a, b, outShape, s, pad));
      expect(tf.memory().numTensors).toBe(before);
      const stock = run((a, b) => tf.conv2dTranspose(a, b, outShape, s, pad));
      mine.forEach((m, i) => {
        expect(relativeError(m, stock[i]!), ['y', 'dx', 'dw'][i]).toBeLessThan(1e-5);
      });
      tf.dispose([x, w, r]);
    },
  );

  it('gradients agree with finite differences', () => {
    const x = tf.tensor4d(uniformValues([1, 3, 3, 2], 'fd x'), [1, 3, 3, 2]);
    const w = tf.tensor4d(uniformValues([3, 3, 2, 2], 'fd w'), [3, 3, 2, 2]);
    const f = (a: tf.Tensor, b: tf.Tensor) =>
      conv2dTransposeByConv(a as tf.Tensor4D, b as tf.Tensor4D, [1, 5, 6, 2], 2, 'same');
    const result = checkGradient(f, [x, w], { seed: 3 });
    expect(result.ok, result.summary).toBe(true);
    tf.dispose([x, w]);
  });

  it('runs no Conv2DBackpropInput kernel, forward or backward', async () => {
    const x = tf.ones([2, 4, 4, 5]) as tf.Tensor4D;
    const w = tf.ones([3, 3, 3, 5]) as tf.Tensor4D;
    const p = await tf.profile(() =>
      tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(conv2dTransposeByConv(a as tf.Tensor4D, b as tf.Tensor4D, [2, 8, 8, 3], 2, 'same')),
      )([x, w]),
    );
    // latentkit's Conv2D kernel (im2col + GEMM on wasm, the backend's Conv2D elsewhere).
    expect(p.kernelNames).toContain(LATENTKIT_CONV2D_GEMM);
    expect(p.kernelNames).not.toContain('Conv2DBackpropInput');
    tf.dispose([x, w, ...(p.result as tf.Tensor[])]);
  });

  it('throws ShapeError when the input does not fit the output shape', () => {
    const x = tf.ones([2, 5, 4, 5]) as tf.Tensor4D;
    const w = tf.ones([3, 3, 3, 5]) as tf.Tensor4D;
    expect(() => conv2dTransposeByConv(x, w, [2, 8, 8, 3], 2, 'same')).toThrow(ShapeError);
    tf.dispose([x, w]);
  });
});
