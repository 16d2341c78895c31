import type { GradConfig } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { swapLast2 } from './reduce-to-shape.js';

type T = tf.Tensor;
type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

function pair(v: number | [number, number]): [number, number] {
  return typeof v === 'number' ? [v, v] : v;
}

/**
 * Filter gradient of a 2-D NHWC convolution, built from ops every backend has (pad, strided
 * slice, concat, transpose, matMul): an im2col of the input times the output gradient.
 * tfjs-wasm has no `Conv2DBackpropFilter` kernel, so the stock gradient fails there.
 *
 * @param x - Convolution input `[N, H, W, Cin]`.
 * @param dy - Gradient of the convolution output `[N, OH, OW, Cout]`.
 * @param filterShape - `[KH, KW, Cin, Cout]`.
 */
export function conv2dFilterGrad(
  x: T,
  dy: T,
  filterShape: [number, number, number, number],
  strides: number | [number, number],
  pad: Pad,
  dilations: number | [number, number] = 1,
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
): T {
  return tf.tidy(() => {
    const [kh, kw, cin, cout] = filterShape;
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filterShape,
      strides,
      dilations,
      pad,
      dimRoundingMode,
    );
    const { top, left, bottom, right } = info.padInfo;
    const [sh, sw] = pair(strides);
    const [dh, dw] = pair(dilations);
    const { batchSize: n, outHeight: oh, outWidth: ow } = info;
    const xp =
      top || left || bottom || right
        ? tf.pad(x, [
            [0, 0],
            [top, Math.max(bottom, 0)],
            [left, Math.max(right, 0)],
            [0, 0],
          ])
        : x;
    const cols: T[] = [];
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const r0 = i * dh;
        const c0 = j * dw;
        const patch = tf.stridedSlice(
          xp,
          [0, r0, c0, 0],
          [n, r0 + sh * (oh - 1) + 1, c0 + sw * (ow - 1) + 1, cin],
          [1, sh, sw, 1],
        );
        cols.push(tf.reshape(patch, [n * oh * ow, cin]));
      }
    }
    const im2col = cols.length === 1 ? cols[0]! : tf.concat(cols, 1); // [P, kh*kw*cin]
    const g = tf.reshape(dy, [n * oh * ow, cout]);
    const dw2 = tf.matMul(swapLast2(im2col), g); // [kh*kw*cin, cout]
    return tf.reshape(dw2, filterShape);
  });
}

/** Gradients of Conv2D and Conv2DBackpropInput (transposed convolution), NHWC only. */
export const convGradients: GradConfig[] = [
  {
    kernelName: 'Conv2D',
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const g = dy as tf.Tensor4D;
      const strides = attrs.strides as number | [number, number];
      const pad = attrs.pad as Pad;
      const dilations = attrs.dilations as number | [number, number];
      const rounding = attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined;
      if (attrs.dataFormat !== 'NHWC') throw new Error('latentkit: conv2d gradient needs NHWC');
      const [dh, dw] = pair(dilations);
      if (dh !== 1 || dw !== 1) {
        throw new Error('latentkit: conv2d input gradient supports dilation 1 only');
      }
      return {
        x: () =>
          tf.conv2dTranspose(
            g,
            filter,
            x.shape,
            strides,
            pad as 'valid' | 'same' | number,
            rounding,
          ),
        filter: () =>
          conv2dFilterGrad(
            x,
            g,
            filter.shape as [number, number, number, number],
            strides,
            pad,
            dilations,
            rounding,
          ),
      };
    },
  },
  {
    kernelName: 'Conv2DBackpropInput',
    inputsToSave: ['dy', 'filter'],
    gradFunc: (ddx, saved, attrs) => {
      const [dy, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const g = ddx as tf.Tensor4D;
      const strides = attrs.strides as number | [number, number];
      const pad = attrs.pad as Pad;
      const rounding = attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined;
      return {
        dy: () =>
          tf.conv2d(g, filter, strides, pad as 'valid' | 'same' | number, 'NHWC', 1, rounding),
        filter: () =>
          conv2dFilterGrad(
            g,
            dy,
            filter.shape as [number, number, number, number],
            strides,
            pad,
            1,
            rounding,
          ),
      };
    },
  },
];
