import { InvalidArgumentError } from '@latentkit/core';
import type { GradConfig } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { inversePerm, owned, reduceToShape } from './reduce-to-shape.js';

type T = tf.Tensor;

function oneInput(kernelName: string, fn: (dy: T, x: T, attrs: tf.NamedAttrMap) => T): GradConfig {
  return {
    kernelName,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [T];
      return { x: () => fn(dy as T, x, attrs) };
    },
  };
}

/**
 * Gather along `axis` (batchDims 0): the gradient scatters rows back with a one-hot product,
 * because wasm has no `UnsortedSegmentSum` kernel (the stock gradient fails there).
 */
function gatherGrad(dy: T, x: T, indices: T, axis: number): T {
  const ax = axis < 0 ? axis + x.rank : axis;
  const n = x.shape[ax]!;
  const flatIdx = tf.reshape(tf.cast(indices, 'int32'), [-1]);
  // dy has shape x.shape[:ax] + indices.shape + x.shape[ax+1:]; move the gathered axes to the front.
  const pre = x.shape.slice(0, ax);
  const post = x.shape.slice(ax + 1);
  const m = flatIdx.shape[0]!;
  const dy3 = tf.reshape(dy, [pre.reduce((a, b) => a * b, 1), m, post.reduce((a, b) => a * b, 1)]);
  const rows = tf.reshape(tf.transpose(dy3, [1, 0, 2]), [m, -1]); // [m, pre*post]
  // One-hot matrix [n, m] built by comparison, not with tf.oneHot: tfjs-wasm 4.22's OneHot kernel
  // ignores dtype 'float32' and writes int32 bits (1 reads as 1.4e-45), which zeroed this gradient.
  const oneHotT = tf.cast(
    tf.equal(tf.reshape(tf.range(0, n, 1, 'int32'), [n, 1]), tf.reshape(flatIdx, [1, m])),
    'float32',
  );
  const scattered = tf.matMul(oneHotT, rows); // [n, pre*post]
  const back = tf.transpose(
    tf.reshape(scattered, [n, pre.reduce((a, b) => a * b, 1), -1]),
    [1, 0, 2],
  );
  return tf.reshape(back, x.shape);
}

/** Gradients of shape-manipulating kernels. */
export const shapeGradients: GradConfig[] = [
  oneInput('Reshape', (dy, x) => tf.reshape(dy, x.shape)),
  oneInput('Transpose', (dy, _x, attrs) => tf.transpose(dy, inversePerm(attrs.perm as number[]))),
  oneInput('BroadcastTo', (dy, x) => owned(reduceToShape(dy, x.shape), dy)),
  oneInput('Tile', (dy, x, attrs) => {
    const reps = attrs.reps as number[];
    // Interleave [r0, x0, r1, x1, ...] and sum over the repetition axes.
    const split: number[] = [];
    reps.forEach((r, i) => {
      split.push(r, x.shape[i]!);
    });
    const axes = reps.map((_, i) => 2 * i);
    return tf.reshape(tf.sum(tf.reshape(dy, split), axes), x.shape);
  }),
  oneInput('PadV2', (dy, x, attrs) => {
    const paddings = attrs.paddings as [number, number][];
    return tf.slice(
      dy,
      paddings.map((p) => p[0]),
      x.shape,
    );
  }),
  oneInput('Slice', (dy, x, attrs) => {
    const [begin, size] = tf.slice_util.parseSliceParams(
      x,
      attrs.begin as number[],
      attrs.size as number[],
    ) as [number[], number[]];
    const paddings = x.shape.map(
      (d, i) => [begin[i]!, d - begin[i]! - size[i]!] as [number, number],
    );
    return tf.pad(dy, paddings);
  }),
  oneInput('DepthToSpace', (dy, x, attrs) => {
    // Inverse of NHWC depthToSpace (DCR order): [N, H·b, W·b, C] -> [N, H, W, b·b·C].
    const b = attrs.blockSize as number;
    const [n, h, w, cbb] = x.shape as [number, number, number, number];
    const c = cbb / (b * b);
    const six = tf.reshape(dy, [n, h, b, w, b, c]);
    return tf.reshape(tf.transpose(six, [0, 1, 3, 2, 4, 5]), [n, h, w, cbb]);
  }),
  {
    kernelName: 'Concat',
    saveAllInputs: true,
    gradFunc: (dy, saved, attrs) => {
      const shapes = (saved as T[]).map((t) => t.shape);
      const axis = tf.util.parseAxisParam(attrs.axis as number, shapes[0]!)[0]!;
      const sizes = shapes.map((s) => s[axis]!);
      const parts = tf.split(dy as T, sizes, axis);
      return parts.map((p) => () => p) as unknown as Record<string, () => T>;
    },
  },
  {
    kernelName: 'Pack',
    saveAllInputs: true,
    gradFunc: (dy, _saved, attrs) => {
      const parts = tf.unstack(dy as T, attrs.axis as number);
      return parts.map((p) => () => p) as unknown as Record<string, () => T>;
    },
  },
  {
    kernelName: 'Unpack',
    gradFunc: (dys, _saved, attrs) => ({
      value: () => tf.stack(dys as T[], attrs.axis as number),
    }),
  },
  {
    kernelName: 'SplitV',
    gradFunc: (dys, _saved, attrs) => ({ x: () => tf.concat(dys as T[], attrs.axis as number) }),
  },
  {
    kernelName: 'GatherV2',
    inputsToSave: ['x', 'indices'],
    gradFunc: (dy, saved, attrs) => {
      const [x, indices] = saved as [T, T];
      if ((attrs.batchDims as number) !== 0) {
        throw new InvalidArgumentError(
          'gather batchDims',
          "latentkit's gradient supports batchDims 0 only",
        );
      }
      return {
        x: () => gatherGrad(dy as T, x, indices, attrs.axis as number),
        indices: () => tf.zerosLike(indices),
      };
    },
  },
];
