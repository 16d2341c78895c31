// Test-only case table for shape-gradients.ts (used by shape-gradients.test.ts and the coverage
// test). Multi-output kernels (Unpack, SplitV) are recombined in a different order, so a gradient
// routed to the wrong part shows.
import { BackendError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { GradientCase, InputSpec } from './describe-gradient-cases.js';

const x = (shape: number[]): InputSpec => ({ shape, range: [-2, 2] });

/**
 * tfjs 4.22's `tf.broadcastTo` runs the `Tile` kernel, and no backend registers a `BroadcastTo`
 * kernel, so latentkit's `BroadcastTo` gradient is only reachable through `runKernel`. This
 * registers a test-only `BroadcastTo` kernel (same-rank broadcasts, through the backend's `Tile`)
 * on the active backend so that the registered gradient can be checked through `tf.grads`.
 */
function ensureBroadcastToKernel(): void {
  const backendName = tf.getBackend();
  if (tf.getKernel('BroadcastTo', backendName) !== undefined) return;
  const tile = tf.getKernel('Tile', backendName);
  if (!tile) throw new BackendError(`no Tile kernel on ${backendName}`);
  tf.registerKernel({
    kernelName: 'BroadcastTo',
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const input = inputs.x as tf.Tensor;
      const shape = attrs?.shape as number[];
      const reps = shape.map((d, i) => d / input.shape[i]!);
      return tile.kernelFunc({ inputs: { x: input }, backend, attrs: { reps } });
    },
  });
}

function broadcastToKernel(t: tf.Tensor, shape: number[]): tf.Tensor {
  return tf
    .engine()
    .runKernel('BroadcastTo', { x: t }, { shape, inputShape: t.shape }) as tf.Tensor;
}

/**
 * Reverses the order of parts and joins them along axis 0 (after flattening). It copies the array
 * first: tfjs's tape keeps the very array a multi-output op returned, so reversing it in place
 * would silently reorder the kernel's outputs for backprop.
 */
function reversedJoin(parts: tf.Tensor[]): tf.Tensor {
  return tf.concat(
    [...parts].reverse().map((p, i) => tf.mul(tf.reshape(p, [-1]), i + 1)),
    0,
  );
}

/** Finite-difference cases for every kernel in `shapeGradients`. */
export const shapeCases: GradientCase[] = [
  {
    kernel: 'Reshape',
    name: 'reshape [2,6] → [3,4]',
    inputs: [x([2, 6])],
    f: (t) => tf.reshape(t, [3, 4]),
  },
  { kernel: 'Transpose', name: 'transpose [3,4]', inputs: [x([3, 4])], f: (t) => tf.transpose(t) },
  {
    kernel: 'Transpose',
    name: 'transpose [2,3,4] perm [2,0,1]',
    inputs: [x([2, 3, 4])],
    f: (t) => tf.transpose(t, [2, 0, 1]),
  },
  {
    kernel: 'BroadcastTo',
    name: 'BroadcastTo kernel [3,1] → [3,4]',
    inputs: [x([3, 1])],
    setup: ensureBroadcastToKernel,
    f: (t) => broadcastToKernel(t, [3, 4]),
  },
  {
    kernel: 'BroadcastTo',
    name: 'BroadcastTo kernel [1,3,1] → [2,3,4]',
    inputs: [x([1, 3, 1])],
    setup: ensureBroadcastToKernel,
    f: (t) => broadcastToKernel(t, [2, 3, 4]),
  },
  {
    kernel: 'Tile',
    name: 'tf.broadcastTo [4] → [3,4] (runs Tile)',
    inputs: [x([4])],
    f: (t) => tf.broadcastTo(t, [3, 4]),
  },
  {
    kernel: 'Tile',
    name: 'tf.broadcastTo [3,1] → [2,3,4] (runs Tile)',
    inputs: [x([3, 1])],
    f: (t) => tf.broadcastTo(t, [2, 3, 4]),
  },
  {
    kernel: 'Tile',
    name: 'tile [2,3] by [2,1]',
    inputs: [x([2, 3])],
    f: (t) => tf.tile(t, [2, 1]),
  },
  {
    kernel: 'Tile',
    name: 'tile [2,3] by [3,2]',
    inputs: [x([2, 3])],
    f: (t) => tf.tile(t, [3, 2]),
  },
  {
    kernel: 'Tile',
    name: 'tile [2,1,3] by [1,4,2]',
    inputs: [x([2, 1, 3])],
    f: (t) => tf.tile(t, [1, 4, 2]),
  },
  {
    kernel: 'PadV2',
    name: 'pad [3,4] by [[1,0],[2,1]] with 0.5',
    inputs: [x([3, 4])],
    f: (t) =>
      tf.pad(
        t,
        [
          [1, 0],
          [2, 1],
        ],
        0.5,
      ),
  },
  {
    kernel: 'Slice',
    name: 'slice [4,5] begin [1,2] size [2,3]',
    inputs: [x([4, 5])],
    f: (t) => tf.slice(t, [1, 2], [2, 3]),
  },
  {
    kernel: 'Slice',
    name: 'slice [2,4,5] begin [0,1,1] size [-1,2,-1]',
    inputs: [x([2, 4, 5])],
    f: (t) => tf.slice(t, [0, 1, 1], [-1, 2, -1]),
  },
  {
    kernel: 'DepthToSpace',
    name: 'depthToSpace [2,2,3,8] block 2',
    inputs: [x([2, 2, 3, 8])],
    f: (t) => tf.depthToSpace(t as tf.Tensor4D, 2),
  },
  {
    kernel: 'DepthToSpace',
    name: 'depthToSpace [1,2,2,9] block 3',
    inputs: [x([1, 2, 2, 9])],
    f: (t) => tf.depthToSpace(t as tf.Tensor4D, 3),
  },
  {
    kernel: 'Concat',
    name: 'concat [2,3] [1,3] [3,3] on axis 0',
    inputs: [x([2, 3]), x([1, 3]), x([3, 3])],
    f: (a, b, c) => tf.concat([a!, tf.mul(b!, 2), c!], 0),
  },
  {
    kernel: 'Concat',
    name: 'concat [2,1,4] [2,3,4] on axis -2',
    inputs: [x([2, 1, 4]), x([2, 3, 4])],
    f: (a, b) => tf.concat([a!, b!], -2),
  },
  {
    kernel: 'Pack',
    name: 'stack three [3,2] on axis 0',
    inputs: [x([3, 2]), x([3, 2]), x([3, 2])],
    f: (a, b, c) => tf.stack([a!, tf.mul(b!, 2), c!], 0),
  },
  {
    kernel: 'Pack',
    name: 'stack two [3,2] on axis 1',
    inputs: [x([3, 2]), x([3, 2])],
    f: (a, b) => tf.stack([a!, b!], 1),
  },
  {
    kernel: 'Unpack',
    name: 'unstack [3,4,2] on axis 1, rejoined reversed',
    inputs: [x([3, 4, 2])],
    f: (t) => reversedJoin(tf.unstack(t, 1)),
  },
  {
    kernel: 'Unpack',
    name: 'unstack [3,4] on axis 0, only part 1 used',
    inputs: [x([3, 4])],
    f: (t) => tf.unstack(t, 0)[1]!,
  },
  {
    kernel: 'SplitV',
    name: 'split [3,6] into sizes [1,3,2] on axis 1, rejoined reversed',
    inputs: [x([3, 6])],
    f: (t) => reversedJoin(tf.split(t, [1, 3, 2], 1)),
  },
  {
    kernel: 'SplitV',
    name: 'split [4,3] into 2 on axis 0, only part 0 used',
    inputs: [x([4, 3])],
    f: (t) => tf.split(t, 2, 0)[0]!,
  },
  {
    kernel: 'GatherV2',
    name: 'gather rows of [4,3] with repeated indices [2,0,2,3,2]',
    inputs: [x([4, 3])],
    f: (t) => tf.gather(t, tf.tensor1d([2, 0, 2, 3, 2], 'int32'), 0),
  },
  {
    kernel: 'GatherV2',
    name: 'gather columns of [2,5,3] on axis 1 with 2-D indices [[4,1],[1,1]]',
    inputs: [x([2, 5, 3])],
    f: (t) => tf.gather(t, tf.tensor2d([4, 1, 1, 1], [2, 2], 'int32'), 1),
  },
  {
    kernel: 'GatherV2',
    name: 'gather on axis -1 of [3,4] with [3,3,0]',
    inputs: [x([3, 4])],
    f: (t) => tf.gather(t, tf.tensor1d([3, 3, 0], 'int32'), -1),
  },
];
