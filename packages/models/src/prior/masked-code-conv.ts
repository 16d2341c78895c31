import { requireKnownOptions, seedOption } from '@latentkit/core';
import {
  type ActivationName,
  conv2d,
  getActivation,
  InvalidArgumentError,
  type ParamStore,
  type SeedLike,
  ShapeError,
  tf,
} from '@latentkit/tensor';
import { type DerivedWeightCache, derivedWeight } from './derived-weight.js';
import { oddKernel } from './odd-kernel.js';

/** Options of {@link maskedCodeConv}. */
export interface MaskedCodeConvOptions {
  /** Seed or generator (the layer draws from `fork(<full name>)`, as `conv2d`). Default 0. */
  seed?: SeedLike;
  /** K, the number of codes (the one-hot width). */
  numCodes: number;
  /** Output channels. */
  outChannels: number;
  /** Odd kernel size `k` or `[kh, kw]` (not 1×1). */
  kernelSize: number | readonly [number, number];
  /** Activation applied to the output. Default `'linear'`. */
  activation?: ActivationName;
}

/** A layer that takes int32 code grids (see {@link maskedCodeConv}). */
export interface CodeLayer {
  /** Full name of the layer in its store. */
  readonly name: string;
  /** The layer's parameters (`weight`, `bias`), owned by the store. */
  readonly params: Readonly<Record<string, tf.Variable>>;
  /**
   * Applies the layer to int32 codes `[N, H, W]`; codes outside `[0, K)` contribute nothing
   * (as their all-zero one-hot row would).
   *
   * @throws {@link InvalidArgumentError} for a non-int32 input; {@link ShapeError} unless rank 3.
   */
  apply(codes: tf.Tensor): tf.Tensor;
}

type T = tf.Tensor;

// out[p] = Σ_t table[index[p·T + t]]: a sparse segment sum (each output position sums its T
// taps' table rows), with the gradient of the table as one scatter-add per tap. Written as a
// custom op because the registry has no SparseSegmentSum gradient, and the dense alternatives
// are slow on wasm (the one-hot convolution ~1.2 GMAC for the reference layer, gather's
// one-hot-product gradient likewise): measured 3 ms forward and 10 ms backward against ~200 ms
// each for the [64, 7, 7] grids, K = 128, 128 channels, 7×7 kernel.
const segmentTable = tf.customGrad(((table: T, index: T, segments: T, save: tf.GradSaveFunc) => {
  save([index]);
  const value = tf.sparse.sparseSegmentSum(
    table as tf.Tensor2D,
    index as tf.Tensor1D,
    segments as tf.Tensor1D,
  );
  const gradFunc = (dy: T, saved: T[]): T[] => {
    const [idx] = saved as [T];
    const [rows, width] = table.shape as [number, number];
    const p = dy.shape[0]!;
    const taps = idx.shape[0]! / p;
    const per = rows / taps;
    const byTap = tf.reshape(idx, [p, taps]);
    const parts: T[] = [];
    for (let t = 0; t < taps; t++) {
      const local = tf.sub(tf.slice(byTap, [0, t], [p, 1]), tf.scalar(t * per, 'int32'));
      parts.push(tf.scatterND(local, dy, [per, width])); // sums repeated indices
    }
    return [tf.concat(parts, 0), tf.zerosLike(idx), tf.zerosLike(segments)];
  };
  return { value, gradFunc };
}) as Parameters<typeof tf.customGrad>[0]) as (table: T, index: T, segments: T) => T;

/**
 * The first layer of a PixelCNN over codes: a mask-`'A'` convolution (see `maskedConv2d`) of the
 * one-hot encoded codes, computed without the one-hot tensor. Each used tap (rows above the
 * centre; left of it in the centre row) contributes one row of its `[K, out]` weight slice, so the
 * layer is a sum of T looked-up rows per position (a sparse segment sum) instead of a K-channel
 * convolution — the same values with about K times fewer operations.
 *
 * Parameters: exactly those of `maskedConv2d(store, name, { inChannels: K, maskType: 'A', ... })`
 * (`<name>.weight` `[kh, kw, K, out]`, `<name>.bias` `[out]`, the same initialization from the
 * same seed), so both layers are interchangeable on one-hot input.
 *
 * @param store - Where the parameters are created.
 * @param name - Layer name.
 * @param options - See {@link MaskedCodeConvOptions}.
 * @param seed - Deprecated: pass `seed` in `options`.
 * @returns A layer mapping int32 `[N, H, W]` codes to float32 `[N, H, W, outChannels]`.
 * @throws {@link InvalidArgumentError} for even, non-positive or 1×1 kernels, bad sizes or a used
 *   name; {@link UnknownOptionError} for an unknown activation.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { maskedCodeConv } from '@latentkit/models';
 * import { createParamStore, tf } from '@latentkit/tensor';
 *
 * const store = createParamStore();
 * const first = maskedCodeConv(store, 'input', { numCodes: 128, outChannels: 64, kernelSize: 7 }, 1);
 * const h = first.apply(tf.zeros([4, 7, 7], 'int32')); // code grids [4, 7, 7] → [4, 7, 7, 64]
 * ```
 */
export function maskedCodeConv(
  store: ParamStore,
  name: string,
  options: MaskedCodeConvOptions,
  seed?: SeedLike,
): CodeLayer {
  requireKnownOptions(
    options,
    ['seed', 'numCodes', 'outChannels', 'kernelSize', 'activation'],
    'maskedCodeConv options',
  );
  const { numCodes: k, outChannels } = options;
  const [kh, kw] = oddKernel(options.kernelSize, 'A');
  const act = getActivation(options.activation ?? 'linear');
  const base = conv2d(store, name, {
    inChannels: k,
    outChannels,
    kernelSize: [kh, kw],
    padding: 'same',
    seed: seedOption(options, seed, 'maskedCodeConv'),
  });
  const { weight, bias } = base.params as { weight: tf.Variable; bias: tf.Variable };
  const full = base.name;
  const [c, d] = [(kh - 1) / 2, (kw - 1) / 2];
  // Taps in use, in the weight's row-major order: rows 0..c−1 (all columns), then row c, 0..d−1.
  const taps: [number, number][] = [];
  for (let a = 0; a < c; a++) for (let b = 0; b < kw; b++) taps.push([a, b]);
  for (let b = 0; b < d; b++) taps.push([c, b]);
  const numTaps = taps.length;
  // Table: per tap, its K weight rows and a zero row K (padding and invalid codes).
  const weightTable = (wt: tf.Tensor): tf.Tensor => {
    const top = tf.reshape(tf.slice(wt, [0, 0, 0, 0], [c, kw, k, outChannels]), [
      c * kw,
      k,
      outChannels,
    ]);
    const parts = [top];
    if (d > 0) {
      const left = tf.slice(wt, [c, 0, 0, 0], [1, d, k, outChannels]);
      parts.push(tf.reshape(left, [d, k, outChannels]));
    }
    const used = parts.length === 1 ? top : tf.concat(parts, 0);
    const padded = tf.pad(used, [
      [0, 0],
      [0, 1],
      [0, 0],
    ]);
    return tf.reshape(padded, [numTaps * (k + 1), outChannels]);
  };
  const tableCache: DerivedWeightCache = {};

  return {
    name: full,
    params: base.params,
    apply(codes: tf.Tensor): tf.Tensor {
      if (codes.dtype !== 'int32') {
        throw new InvalidArgumentError(`${full} input`, `must be int32 codes, got ${codes.dtype}`);
      }
      if (codes.rank !== 3) {
        throw new ShapeError(
          `${full}: input has shape [${codes.shape.join(', ')}], expected [N, H, W]`,
          [null, null, null],
          codes.shape,
        );
      }
      const [n, h, w] = codes.shape as [number, number, number];
      const p = n * h * w;
      return tf.tidy(() => {
        const table = derivedWeight(tableCache, weight, weightTable);
        // Index of tap t at position p: t·(K + 1) + the code seen there (K outside the grid).
        const valid = tf.logicalAnd(tf.greaterEqual(codes, 0), tf.less(codes, k));
        const clean = tf.where(valid, codes, tf.fill(codes.shape, k, 'int32'));
        const padded = tf.pad(
          clean,
          [
            [0, 0],
            [c, 0],
            [d, d],
          ],
          k,
        );
        const seen = taps.map(([a, b], t) =>
          tf.add(tf.slice(padded, [0, a, b], [n, h, w]), tf.scalar(t * (k + 1), 'int32')),
        );
        const index = tf.reshape(tf.stack(seen, 3), [p * numTaps]);
        const segments = tf.reshape(
          tf.tile(tf.reshape(tf.range(0, p, 1, 'int32'), [p, 1]), [1, numTaps]),
          [p * numTaps],
        );
        const z = tf.reshape(segmentTable(table, index, segments), [n, h, w, outChannels]);
        return act(tf.add(z, bias));
      });
    },
  };
}
