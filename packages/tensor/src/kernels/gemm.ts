import {
  InvalidArgumentError,
  requireKnownOptions,
  ShapeError,
  UnknownOptionError,
} from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { wasmGemm } from '../wasm/gemm-instance.js';
import { type GemmActivation, gemmDims, LATENTKIT_GEMM } from './gemm-kernel.js';

/** Options of {@link gemm}. */
export interface GemmOptions {
  /** Multiply by `aᵀ`: `a` is `[K, M]`. Default `false`. */
  transposeA?: boolean;
  /** Multiply by `bᵀ`: `b` is `[N, K]`. Default `false`. */
  transposeB?: boolean;
  /** A `[N]` float32 vector added to every row of the product. */
  bias?: tf.Tensor;
  /** Applied last: `'linear'` (none, the default) or `'relu'` (`max(x, 0)`). */
  activation?: GemmActivation;
}

const ACTIVATIONS: readonly GemmActivation[] = ['linear', 'relu'];

/** Explicit transpose (fast on tfjs-wasm, unlike a product with a transpose flag). */
const t = (x: tf.Tensor): tf.Tensor => tf.transpose(x);

/**
 * The product in stock tfjs ops, used where the kernel is not registered (registration happens in
 * `registerLatentkitGradients`) or when tfjs-wasm has no SIMD: explicit transposes (transposed
 * products run 11–13× slower on tfjs-wasm), and for `a·bᵀ` the form `(b·aᵀ)ᵀ` when `b` has more
 * rows than `a`, so the larger operand is the left one, which XNNPACK does not re-pack.
 */
function stockProduct(a: tf.Tensor, b: tf.Tensor, tA: boolean, tB: boolean): tf.Tensor {
  // Not both: gemm rewrites aᵀ·bᵀ as (b·a)ᵀ.
  if (tA) return tf.matMul(t(a), b);
  if (!tB) return tf.matMul(a, b);
  return (b.shape[0] as number) > (a.shape[0] as number)
    ? t(tf.matMul(b, t(a)))
    : tf.matMul(a, t(b));
}

/** Whether the {@link LATENTKIT_GEMM} kernel should run on the active backend. */
function kernelUsable(): boolean {
  const name = tf.getBackend();
  if (tf.getKernel(LATENTKIT_GEMM, name) === undefined) return false;
  return name !== 'wasm' || wasmGemm(tf.backend()) !== undefined;
}

/**
 * Matrix product with an optional transposed operand, bias and ReLU:
 * `activation(op(a)·op(b) + bias)`, float32, differentiable (its gradient is in latentkit's
 * gradient registry and uses the same kernels: `dA = dZ·Bᵀ`, `dB = Aᵀ·dZ` with no explicit
 * transposes).
 *
 * On tfjs-wasm with SIMD it runs latentkit's own 128-bit SIMD kernels on the backend's heap: no
 * packing of `b` and no transposes, which tfjs-wasm's XNNPACK path pays on every product whose
 * right operand is new (every product of a training step), the bias and ReLU applied as the
 * result is stored; `a·b` and `aᵀ·b` skip the zeros of a sparse `a` (chosen per call from its
 * measured density; dense when `b` holds ±Inf or NaN, so `0·Inf = NaN` still propagates).
 * Elsewhere it runs the backend's `matMul` (+ `add`, `relu`). Results agree with `tf.matMul` to
 * float32 rounding (the summation order differs; multiply-adds are fused where the engine has
 * relaxed SIMD).
 *
 * @param a - `[M, K]`, or `[K, M]` with `transposeA`.
 * @param b - `[K, N]`, or `[N, K]` with `transposeB`.
 * @param options - See {@link GemmOptions}.
 * @returns `[M, N]`.
 * @throws {@link ShapeError} when an operand is not rank 2, the inner sizes differ or the bias
 *   is not `[N]`.
 * @throws {@link InvalidArgumentError} when an input is not float32.
 * @throws {@link UnknownOptionError} for an unknown activation.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { gemm, tf } from '@latentkit/tensor';
 *
 * const x = tf.randomNormal([32, 784]); // a batch of 32 inputs
 * const w = tf.randomNormal([784, 400]);
 * const bias = tf.zeros([400]);
 * const h = gemm(x, w, { bias, activation: 'relu' }); // relu(x·w + bias): [32, 400]
 * const g = gemm(x, h, { transposeA: true }); // xᵀ·h: [784, 400]
 * ```
 */
export function gemm(a: tf.Tensor, b: tf.Tensor, options: GemmOptions = {}): tf.Tensor {
  requireKnownOptions(options, ['transposeA', 'transposeB', 'bias', 'activation'], 'gemm options');
  const tA = options.transposeA ?? false;
  const tB = options.transposeB ?? false;
  const activation = options.activation ?? 'linear';
  const { bias } = options;
  if (!ACTIVATIONS.includes(activation)) {
    throw new UnknownOptionError('activation', activation, ACTIVATIONS);
  }
  for (const [label, x] of [
    ['a', a],
    ['b', b],
    ['bias', bias],
  ] as const) {
    if (x !== undefined && x.dtype !== 'float32') {
      throw new InvalidArgumentError(`gemm ${label}`, `must be float32, got ${x.dtype}`);
    }
  }
  if (a.rank !== 2 || b.rank !== 2) {
    throw new ShapeError(
      `gemm: operands must be rank 2, got [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`,
      [null, null],
      a.rank !== 2 ? a.shape : b.shape,
    );
  }
  const [m, k, n] = gemmDims(a.shape, b.shape, tA, tB);
  const kb = tB ? b.shape[1] : b.shape[0];
  if (k !== kb) {
    throw new ShapeError(
      `gemm: inner sizes differ: op(a) is [${m}, ${k}], op(b) is [${kb}, ${n}]`,
      [k, n],
      [kb as number, n],
    );
  }
  if (bias !== undefined && (bias.rank !== 1 || bias.shape[0] !== n)) {
    throw new ShapeError(
      `gemm: bias must have shape [${n}], got [${bias.shape.join(', ')}]`,
      [n],
      bias.shape,
    );
  }
  if (!(tA && tB) && kernelUsable()) {
    const inputs: tf.NamedTensorMap = bias ? { a, b, bias } : { a, b };
    const attrs = { transposeA: tA, transposeB: tB, activation };
    return tf
      .engine()
      .runKernel(LATENTKIT_GEMM, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
  }
  return tf.tidy(() => {
    // Both transposed: (aᵀ·bᵀ) = (b·a)ᵀ, through the kernel when it is usable.
    const z = tA && tB ? t(gemm(b, a)) : stockProduct(a, b, tA, tB);
    const zb = bias ? tf.add(z, bias) : z;
    return activation === 'relu' ? tf.relu(zb) : zb;
  });
}
