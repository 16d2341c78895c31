// Test-only helper: a table of 2-D convolution geometries (odd and even sizes, batch 1–3, kernels
// 1×1 to 7×7 and non-square, strides 1, 2, 3 and [2, 1], 'same' / 'valid' / numeric / explicit
// padding, a rounding mode) and the cpu backend's stock kernels as the reference for them.

import { createRng } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend/init-backend.js';
import type { ConvPad, DimRounding } from './conv-axes.js';

type Shape4 = [number, number, number, number];

/** One convolution: input and filter shapes, stride, padding and rounding. */
export interface ConvGeometry {
  name: string;
  x: Shape4;
  filter: Shape4;
  strides: number | [number, number];
  pad: ConvPad;
  rounding?: DimRounding;
}

function geometry(
  x: Shape4,
  filter: Shape4,
  strides: number | [number, number],
  pad: ConvPad,
  rounding?: DimRounding,
): ConvGeometry {
  const name = `x [${x}] filter [${filter}] strides ${strides} pad ${JSON.stringify(pad)}${rounding ? ` ${rounding}` : ''}`;
  return { name, x, filter, strides, pad, rounding };
}

/** Every valid combination of a grid of sizes, kernels, strides and paddings, plus a few extras. */
export const CONV_GEOMETRIES: ConvGeometry[] = (() => {
  const out: ConvGeometry[] = [];
  const sizes: [number, number, number][] = [
    [1, 5, 7],
    [3, 8, 6],
    [2, 9, 9],
  ];
  const kernels: [number, number][] = [
    [1, 1],
    [3, 3],
    [4, 4],
    [7, 7],
    [2, 3],
  ];
  const strides: (number | [number, number])[] = [1, 2, [2, 1]];
  const pads: ConvPad[] = ['same', 'valid', 1];
  for (const [n, h, w] of sizes) {
    for (const [kh, kw] of kernels) {
      for (const s of strides) {
        for (const pad of pads) {
          const g = geometry([n, h, w, 3], [kh, kw, 3, 2], s, pad);
          const info = tf.backend_util.computeConv2DInfo(g.x, g.filter, s, 1, pad);
          if (info.outHeight >= 1 && info.outWidth >= 1) out.push(g);
        }
      }
    }
  }
  out.push(
    geometry([2, 11, 10, 2], [3, 3, 2, 4], 3, 'same'),
    geometry([1, 7, 7, 2], [5, 5, 2, 3], 3, 'valid'),
    geometry([2, 6, 7, 2], [3, 3, 2, 2], 2, 1, 'ceil'),
    geometry([2, 6, 7, 2], [3, 3, 2, 2], 2, 1, 'round'),
    geometry(
      [1, 6, 5, 2],
      [3, 2, 2, 3],
      [1, 2],
      [
        [0, 0],
        [1, 2],
        [0, 3],
        [0, 0],
      ],
    ),
    geometry([1, 5, 5, 2], [3, 3, 2, 2], 2, 4), // padding larger than the kernel
  );
  return out;
})();

/** Seeded float32 values in [−1, 1). */
export function uniformValues(shape: readonly number[], seed: string): Float32Array {
  const rng = createRng(20261123).fork(seed);
  return Float32Array.from(
    { length: tf.util.sizeFromShape(shape as number[]) },
    () => 2 * rng.next() - 1,
  );
}

/** Inputs and the cpu backend's stock gradients of one geometry. */
export interface ConvReference {
  x: Float32Array;
  filter: Float32Array;
  /** Output gradient `[N, OH, OW, Cout]`. */
  dy: Float32Array;
  dyShape: Shape4;
  /** `Conv2DBackpropInput(dy, filter)`: the input gradient. */
  dx: Float32Array;
  /** `Conv2DBackpropFilter(x, dy)`: the filter gradient. */
  dw: Float32Array;
}

/** Computes the references of `geometries` with the cpu backend's own kernels (switches to cpu). */
export async function cpuReferences(geometries: readonly ConvGeometry[]): Promise<ConvReference[]> {
  await initBackend({ backend: 'cpu' });
  return geometries.map((g) =>
    tf.tidy(() => {
      const info = tf.backend_util.computeConv2DInfo(
        g.x,
        g.filter,
        g.strides,
        1,
        g.pad,
        g.rounding,
      );
      const dyShape = info.outShape;
      const x = uniformValues(g.x, `${g.name} x`);
      const filter = uniformValues(g.filter, `${g.name} filter`);
      const dy = uniformValues(dyShape, `${g.name} dy`);
      const attrs = {
        strides: g.strides,
        pad: g.pad,
        dataFormat: 'NHWC',
        dimRoundingMode: g.rounding,
      } as unknown as tf.NamedAttrMap;
      const dx = tf
        .engine()
        .runKernel(
          'Conv2DBackpropInput',
          { dy: tf.tensor4d(dy, dyShape), filter: tf.tensor4d(filter, g.filter) },
          { ...attrs, inputShape: g.x } as unknown as tf.NamedAttrMap,
        ) as tf.Tensor;
      const dw = tf
        .engine()
        .runKernel(
          'Conv2DBackpropFilter',
          { x: tf.tensor4d(x, g.x), dy: tf.tensor4d(dy, dyShape) },
          { ...attrs, filterShape: g.filter } as unknown as tf.NamedAttrMap,
        ) as tf.Tensor;
      return {
        x,
        filter,
        dy,
        dyShape,
        dx: dx.dataSync() as Float32Array,
        dw: dw.dataSync() as Float32Array,
      };
    }),
  );
}

/**
 * Largest `|got − want|` relative to the largest `|want|`. float32 sums in another order differ
 * by a few ulp of the largest partial sums, so 1e-5 is a safe bound where any real error (a wrong
 * tap, pad or stride) is O(1).
 */
export function relativeError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  if (got.length !== want.length) return Number.POSITIVE_INFINITY;
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < want.length; i++) {
    scale = Math.max(scale, Math.abs(want[i]!));
    diff = Math.max(diff, Math.abs(got[i]! - want[i]!));
  }
  return scale === 0 ? diff : diff / scale;
}
