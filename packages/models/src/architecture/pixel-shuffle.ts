import { tf } from '@latentkit/tensor';

/**
 * `tf.depthToSpace(x, block)` (NHWC) as reshape → rank-4 transpose → reshape.
 *
 * Why not `tf.depthToSpace`: tfjs-wasm's DepthToSpace kernel copies element by element and
 * measured 15× slower (36 ms against 2.4 ms on `[128, 7, 7, 128]`); a rank-4 transpose is a fast
 * kernel, and its gradient is another transpose. Output `[n, h·block, w·block, c / block²]`
 * with `out[b, h·block + i, w·block + j, k] = x[b, h, w, (i·block + j)·c' + k]`.
 *
 * @param x - `[n, h, w, block²·c']`.
 * @param block - Upsampling factor.
 * @returns `[n, h·block, w·block, c']`.
 * @internal
 */
export function pixelShuffle(x: tf.Tensor4D, block: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const cOut = c / (block * block);
  return tf.tidy(() => {
    const rows = tf.reshape(x, [n * h, w, block, block * cOut]);
    const t = tf.transpose(rows, [0, 2, 1, 3]);
    return tf.reshape(t, [n, h * block, w * block, cOut]) as tf.Tensor4D;
  });
}
