import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { LATENTKIT_CONV_FILTER_GRAD } from '../kernels/conv-filter-grad-kernel.js';
import { conv2dFilterGrad, type FilterGradMethod } from './conv-filter-grad.js';
import {
  CONV_GEOMETRIES,
  type ConvReference,
  cpuReferences,
  relativeError,
  uniformValues,
} from './conv-geometries.testutil.js';

let refs: ConvReference[];
beforeAll(async () => {
  refs = await cpuReferences(CONV_GEOMETRIES);
});

describe.each(['cpu', 'wasm'] as const)('conv2dFilterGrad on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  const methods: FilterGradMethod[] =
    backend === 'wasm'
      ? ['auto', 'batchConv', 'im2col', 'wasmIm2col']
      : ['auto', 'batchConv', 'im2col'];
  it.each(methods)(
    `method %s equals the cpu backend's Conv2DBackpropFilter on ${CONV_GEOMETRIES.length} geometries`,
    (method) => {
      const failures: string[] = [];
      CONV_GEOMETRIES.forEach((g, i) => {
        const r = refs[i]!;
        const got = tf.tidy(() =>
          conv2dFilterGrad(
            tf.tensor4d(r.x, g.x),
            tf.tensor4d(r.dy, r.dyShape),
            g.filter,
            g.strides,
            g.pad,
            1,
            g.rounding,
            { method },
          ).dataSync(),
        );
        const err = relativeError(got, r.dw);
        if (!(err < 1e-5)) failures.push(`${g.name}: relative error ${err}`);
      });
      expect(failures).toEqual([]);
    },
  );

  it('auto picks the wasm im2col kernel on wasm; elsewhere the im2col product for 1–2 taps at stride 1, else one batch-axis Conv2D', async () => {
    const x = tf.ones([2, 6, 6, 3]) as tf.Tensor4D;
    const kernels = async (kh: number, kw: number, s: number) => {
      const dy = tf.ones([2, Math.ceil(6 / s), Math.ceil(6 / s), 4]);
      const before = tf.memory().numTensors;
      const p = await tf.profile(() => conv2dFilterGrad(x, dy, [kh, kw, 3, 4], s, 'same'));
      expect(tf.memory().numTensors).toBe(before + 1);
      tf.dispose([dy, p.result as tf.Tensor]);
      return p.kernelNames;
    };
    if (backend === 'wasm') {
      for (const [kh, kw, s] of [
        [3, 3, 1],
        [1, 2, 1],
        [1, 1, 2],
        [3, 3, 2],
      ] as const) {
        const names = await kernels(kh, kw, s);
        expect(names).toContain(LATENTKIT_CONV_FILTER_GRAD);
        expect(names).not.toContain('Conv2D');
      }
      tf.dispose(x);
      return;
    }
    expect(await kernels(3, 3, 1)).toContain('Conv2D');
    expect(await kernels(1, 3, 1)).toContain('Conv2D');
    expect(await kernels(1, 2, 1)).not.toContain('Conv2D');
    expect(await kernels(1, 1, 1)).not.toContain('Conv2D');
    expect(await kernels(1, 1, 2)).toContain('Conv2D');
    expect(await kernels(3, 3, 2)).toContain('Conv2D');
    tf.dispose(x);
  });

  it('im2col handles dilation (auto falls back to it); batchConv rejects it', async () => {
    const xShape: [number, number, number, number] = [2, 9, 8, 2];
    const fShape: [number, number, number, number] = [3, 2, 2, 3];
    const xs = uniformValues(xShape, 'dilated x');
    const ws = uniformValues(fShape, 'dilated w');
    // Reference: the gradient of Σ dy ⊙ conv(x, w) computed on the cpu backend's own kernels
    // by finite-free means: conv2d is linear in w, so dW[k] = Σ dy ⊙ conv(x, e_k).
    const dyShape = tf.conv2d(
      tf.tensor4d(xs, xShape),
      tf.tensor4d(ws, fShape),
      1,
      'same',
      'NHWC',
      [2, 3],
    ).shape;
    const dys = uniformValues(dyShape, 'dilated dy');
    const expected = new Float32Array(ws.length);
    tf.tidy(() => {
      const x = tf.tensor4d(xs, xShape);
      const dy = tf.tensor(dys, dyShape);
      for (let k = 0; k < ws.length; k++) {
        const e = new Float32Array(ws.length);
        e[k] = 1;
        const y = tf.conv2d(x, tf.tensor4d(e, fShape), 1, 'same', 'NHWC', [2, 3]);
        expected[k] = tf.sum(tf.mul(y, dy)).dataSync()[0]!;
      }
    });
    const got = tf.tidy(() =>
      conv2dFilterGrad(
        tf.tensor4d(xs, xShape),
        tf.tensor(dys, dyShape),
        fShape,
        1,
        'same',
        [2, 3],
      ).dataSync(),
    );
    expect(relativeError(got, expected)).toBeLessThan(1e-5);
    const x = tf.zeros(xShape);
    const dy = tf.zeros(dyShape);
    expect(() =>
      conv2dFilterGrad(x, dy, fShape, 1, 'same', [2, 3], undefined, { method: 'batchConv' }),
    ).toThrow(/dilation 1 only/);
    expect(() =>
      conv2dFilterGrad(x, dy, fShape, 1, 'same', [2, 3], undefined, { method: 'wasmIm2col' }),
    ).toThrow(/dilation 1/);
    tf.dispose([x, dy]);
  });
});
