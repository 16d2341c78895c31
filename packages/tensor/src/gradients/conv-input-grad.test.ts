import { ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { LATENTKIT_CONV2D_GEMM } from '../kernels/conv2d-gemm-kernel.js';
import { LATENTKIT_CONV2D_INPUT_GRAD } from '../kernels/conv2d-input-grad-kernel.js';
import {
  CONV_GEOMETRIES,
  type ConvReference,
  cpuReferences,
  relativeError,
} from './conv-geometries.testutil.js';
import { col2imInputGrad, conv2dInputGrad } from './conv-input-grad.js';

let refs: ConvReference[];
beforeAll(async () => {
  refs = await cpuReferences(CONV_GEOMETRIES);
});

describe.each(['cpu', 'wasm'] as const)('conv2dInputGrad on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  it(`equals the cpu backend's Conv2DBackpropInput on ${CONV_GEOMETRIES.length} geometries`, () => {
    const failures: string[] = [];
    CONV_GEOMETRIES.forEach((g, i) => {
      const r = refs[i]!;
      const got = tf.tidy(() =>
        conv2dInputGrad(
          tf.tensor4d(r.dy, r.dyShape),
          tf.tensor4d(r.filter, g.filter),
          g.x,
          g.strides,
          g.pad,
          g.rounding,
        ).dataSync(),
      );
      const err = relativeError(got, r.dx);
      if (!(err < 1e-5)) failures.push(`${g.name}: relative error ${err}`);
    });
    expect(failures).toEqual([]);
  });

  it(`the col2im kernel alone equals the cpu backend's Conv2DBackpropInput on ${CONV_GEOMETRIES.length} geometries`, () => {
    const failures: string[] = [];
    CONV_GEOMETRIES.forEach((g, i) => {
      const r = refs[i]!;
      const got = tf.tidy(() =>
        col2imInputGrad(
          tf.tensor4d(r.dy, r.dyShape),
          tf.tensor4d(r.filter, g.filter),
          g.x,
          g.strides,
          g.pad,
          g.rounding,
        )!.dataSync(),
      );
      const err = relativeError(got, r.dx);
      if (!(err < 1e-5)) failures.push(`${g.name}: relative error ${err}`);
    });
    expect(failures).toEqual([]);
  });

  it('runs on latentkit kernels, not on the slow Conv2DBackpropInput, and frees its intermediates', async () => {
    const dy = tf.ones([2, 7, 7, 4]) as tf.Tensor4D;
    const w = tf.ones([3, 3, 3, 4]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const profile = await tf.profile(() => conv2dInputGrad(dy, w, [2, 14, 14, 3], 2, 'same'));
    // wasm: latentkit's GEMM + col2im kernel; elsewhere one Conv2D (the backend's) + pixel shuffle.
    expect(profile.kernelNames).toContain(
      backend === 'wasm' ? LATENTKIT_CONV2D_INPUT_GRAD : LATENTKIT_CONV2D_GEMM,
    );
    expect(profile.kernelNames).not.toContain('Conv2DBackpropInput');
    expect(profile.newTensors).toBe(1);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([dy, w, profile.result as tf.Tensor]);
  });

  it('throws ShapeError when dy does not fit the convolution', () => {
    const w = tf.ones([3, 3, 3, 4]) as tf.Tensor4D;
    const bad = tf.ones([2, 6, 7, 4]) as tf.Tensor4D;
    const wrongChannels = tf.ones([2, 7, 7, 5]) as tf.Tensor4D;
    expect(() => conv2dInputGrad(bad, w, [2, 14, 14, 3], 2, 'same')).toThrow(ShapeError);
    expect(() => conv2dInputGrad(wrongChannels, w, [2, 14, 14, 3], 2, 'same')).toThrow(ShapeError);
    expect(() =>
      conv2dInputGrad(tf.ones([2, 7, 7, 4]) as tf.Tensor4D, w, [2, 14, 14, 2], 2, 'same'),
    ).toThrow(ShapeError);
    tf.dispose([w, bad, wrongChannels]);
  });
});
