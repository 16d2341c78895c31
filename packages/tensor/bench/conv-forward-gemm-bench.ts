/**
 * Forward `Conv2D` on tfjs-wasm: XNNPACK (`tf.conv2d`) against latentkit's im2col + GEMM kernel
 * (`LatentkitConv2DGemm`) with blocks of 1, 4, 16 and 128 images, on a conv VQ-VAE's shapes
 * (batch 128) and a PixelCNN prior's (7×7 grid, 128 channels, batch 64): the layers' forward convolutions and the stride-1 convolutions of its input
 * gradients (`conv2dInputGrad`'s phase filters). The variants run alternately, `reps` times
 * each; prints the median wall time in ms and the largest difference between the two results.
 * Not a test: `npx tsx bench/conv-forward-gemm-bench.ts [reps]`.
 */

import { convAxes } from '../src/gradients/conv-axes.js';
import { initBackend, tf } from '../src/index.js';
import {
  type Conv2DGemmAttrs,
  LATENTKIT_CONV2D_GEMM,
  registerConv2DGemmKernel,
} from '../src/kernels/conv2d-gemm-kernel.js';

await initBackend({ backend: 'wasm' });
registerConv2DGemmKernel();
type Shape4 = [number, number, number, number];
const shapes: [string, Shape4, Shape4, number, 'same' | 'valid'][] = [
  ['fwd enc1', [128, 28, 28, 1], [3, 3, 1, 32], 2, 'same'],
  ['fwd enc2 / dec dy', [128, 14, 14, 32], [3, 3, 32, 64], 2, 'same'],
  ['fwd proj 3x3 s1', [128, 7, 7, 16], [3, 3, 16, 64], 1, 'same'],
  ['fwd head 1x1', [128, 7, 7, 64], [1, 1, 64, 16], 1, 'same'],
  ['dx enc2 (2x2 ->128)', [128, 8, 8, 64], [2, 2, 64, 128], 1, 'valid'],
  ['dx enc1 (2x2 ->4)', [128, 15, 15, 32], [2, 2, 32, 4], 1, 'valid'],
  ['dx proj 3x3 s1', [128, 7, 7, 64], [3, 3, 64, 16], 1, 'same'],
  ['pixelcnn 7×7 same', [64, 7, 7, 128], [7, 7, 128, 128], 1, 'same'],
  ['pixelcnn 3×3 same', [64, 7, 7, 128], [3, 3, 128, 128], 1, 'same'],
  ['pixelcnn B 7×7 rows above', [64, 9, 13, 128], [3, 7, 128, 128], 1, 'valid'],
  ['pixelcnn B 3×3 centre row', [64, 7, 8, 128], [1, 2, 128, 128], 1, 'valid'],
  ['pixelcnn 1×1', [64, 7, 7, 128], [1, 1, 128, 128], 1, 'same'],
];
const reps = Number(process.argv[2] ?? 9);
const median = (v: number[]) => [...v].sort((p, q) => p - q)[v.length >> 1]!;

for (const [label, xs, fs, s, pad] of shapes) {
  const x = tf.randomNormal(xs, 0, 1, 'float32', 1) as tf.Tensor4D;
  const f = tf.randomNormal(fs, 0, 1, 'float32', 2) as tf.Tensor4D;
  const [ah, aw] = convAxes(xs, fs, s, pad, undefined);
  const gemm = (blockImages: number) => () => {
    const attrs: Conv2DGemmAttrs = {
      strides: [s, s],
      before: [ah.before, aw.before],
      out: [ah.out, aw.out],
      blockImages,
      pad,
    };
    return tf
      .engine()
      .runKernel(
        LATENTKIT_CONV2D_GEMM,
        { x, filter: f } as unknown as tf.NamedTensorMap,
        attrs as unknown as tf.NamedAttrMap,
      ) as tf.Tensor;
  };
  const fns: Record<string, () => tf.Tensor> = {
    xnnpack: () => tf.conv2d(x, f, s, pad),
    gemm1: gemm(1),
    gemm4: gemm(4),
    gemm16: gemm(16),
    gemm128: gemm(128),
  };
  const a = tf.tidy(() => fns.xnnpack!().dataSync());
  const b = tf.tidy(() => fns.gemm4!().dataSync());
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let r = 0; r < reps; r++) {
    for (const [k, fn] of Object.entries(fns)) {
      const t0 = performance.now();
      const y = fn();
      y.dataSync();
      times[k]!.push(performance.now() - t0);
      y.dispose();
    }
  }
  const row = Object.entries(times).map(([k, v]) => `${k}=${median(v).toFixed(2)}`);
  console.log(label.padEnd(24), row.join(' '), `maxdiff=${diff.toExponential(1)}`);
  tf.dispose([x, f]);
}
